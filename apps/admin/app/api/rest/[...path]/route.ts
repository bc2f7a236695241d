import { handleApiRequest } from "../../../../lib/api-route";

export const dynamic = "force-dynamic";

export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const OPTIONS = handleApiRequest;
