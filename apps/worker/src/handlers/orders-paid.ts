import { defineHandler } from "./define-handler";
import { recordOrderPaid } from "./order-records";

/** `orders/paid` (online and POS): the order earns its points (§4). */
export const ordersPaidHandler = defineHandler("orders/paid", recordOrderPaid);
