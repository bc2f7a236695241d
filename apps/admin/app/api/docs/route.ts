import { handleApiRequest } from "../../../lib/api-route";

export const dynamic = "force-dynamic";

/** The REST/OpenAPI reference for headless stores and POS. */
export const GET = handleApiRequest;
