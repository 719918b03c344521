// The "Handy Site Corp" shop: services, operations, request trees, traffic and the events in its
// recent past. Pure data; the latency figures were tuned with the simulator so that every demo
// SLO is healthy in normal times and visibly burns budget during its event.
import type { CallSpec, LatencySpec, OperationSpec, World } from "./types";

const HOUR_MS = 3_600_000;

const lat = (medianMs: number, sigma: number, tailProbability = 0, tailMs = 0, tailAlpha = 2): LatencySpec => ({
  medianMs,
  sigma,
  tailProbability,
  tailMs,
  tailAlpha,
});

type Def = Omit<OperationSpec, "service" | "name" | "calls"> & { calls?: readonly CallSpec[] };

function service(name: string, ops: Record<string, Def>): Record<string, OperationSpec> {
  return Object.fromEntries(
    Object.entries(ops).map(([op, d]) => [`${name}/${op}`, { service: name, name: op, calls: [], ...d }]),
  );
}

const call = (op: string, extra: Omit<CallSpec, "op"> = {}): CallSpec => ({ op, critical: true, ...extra });

const operations: Record<string, OperationSpec> = {
  ...service("frontend", {
    "GET /": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(4, 0.4, 0.002, 20, 1.8),
      errorRate: 0.0002,
      errorMessage: "template render failed",
      calls: [call("catalog/ListProducts")],
      attributes: { "http.request.method": "GET", "http.route": "/" },
    },
    "GET /products": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(3, 0.4, 0.002, 20, 1.8),
      errorRate: 0,
      calls: [call("catalog/ListProducts")],
      attributes: { "http.request.method": "GET", "http.route": "/products" },
    },
    "GET /products/{id}": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(5, 0.5, 0.003, 60, 1.6),
      errorRate: 0,
      calls: [call("catalog/GetProduct"), call("catalog/ListProducts", { probability: 0.3 })],
      attributes: { "http.request.method": "GET", "http.route": "/products/{id}" },
    },
    "GET /cart": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(3, 0.4),
      errorRate: 0,
      calls: [call("auth/ValidateSession"), call("cart/GetCart")],
      attributes: { "http.request.method": "GET", "http.route": "/cart" },
    },
    "POST /cart/items": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(4, 0.4),
      errorRate: 0,
      calls: [call("auth/ValidateSession"), call("catalog/GetProduct"), call("cart/AddItem")],
      attributes: { "http.request.method": "POST", "http.route": "/cart/items" },
    },
    "POST /login": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(3, 0.4),
      errorRate: 0,
      calls: [call("auth/Login")],
      attributes: { "http.request.method": "POST", "http.route": "/login" },
    },
    "POST /checkout": {
      kind: "SPAN_KIND_SERVER",
      latency: lat(6, 0.4),
      errorRate: 0,
      calls: [call("auth/ValidateSession"), call("checkout/PlaceOrder")],
      attributes: { "http.request.method": "POST", "http.route": "/checkout" },
    },
  }),
  ...service("catalog", {
    ListProducts: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(6, 0.45, 0.004, 25, 1.7),
      errorRate: 0,
      calls: [call("catalog/SELECT products", { probability: 0.35 })],
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.CatalogService" },
    },
    GetProduct: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(2, 0.5, 0.003, 15, 1.8),
      errorRate: 0,
      calls: [call("catalog/SELECT products", { probability: 0.2 })],
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.CatalogService" },
    },
    "SELECT products": {
      kind: "SPAN_KIND_CLIENT",
      latency: lat(22, 0.55, 0.006, 60, 1.6),
      errorRate: 0,
      attributes: { "db.system": "postgresql", "db.operation.name": "SELECT", "db.collection.name": "products" },
    },
  }),
  ...service("cart", {
    GetCart: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(3, 0.45, 0.003, 25, 1.6),
      errorRate: 0,
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.CartService" },
    },
    AddItem: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(4, 0.45, 0.003, 25, 1.6),
      errorRate: 0,
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.CartService" },
    },
    EmptyCart: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(2, 0.4),
      errorRate: 0,
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.CartService" },
    },
  }),
  ...service("auth", {
    Login: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(8, 0.4, 0.004, 150, 1.5),
      errorRate: 0.0005,
      errorMessage: "session store unavailable",
      calls: [call("auth/SELECT users"), call("auth/bcrypt.Compare")],
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.AuthService" },
    },
    ValidateSession: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(1.2, 0.5, 0.003, 10, 1.8),
      errorRate: 0,
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.AuthService" },
    },
    "SELECT users": {
      kind: "SPAN_KIND_CLIENT",
      latency: lat(3, 0.5, 0.003, 30, 1.6),
      errorRate: 0,
      attributes: { "db.system": "postgresql", "db.operation.name": "SELECT", "db.collection.name": "users" },
    },
    "bcrypt.Compare": { kind: "SPAN_KIND_INTERNAL", latency: lat(210, 0.12), errorRate: 0 },
  }),
  ...service("checkout", {
    PlaceOrder: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(28, 0.35, 0.002, 60, 1.8),
      errorRate: 0,
      calls: [
        call("cart/GetCart", { parallel: true }),
        call("shipping/Quote", { parallel: true }),
        call("payment/Charge"),
        call("orders/CreateOrder"),
        call("email/SendConfirmation", { critical: false }),
        call("cart/EmptyCart", { critical: false }),
      ],
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.CheckoutService" },
    },
  }),
  ...service("shipping", {
    Quote: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(18, 0.45, 0.003, 40, 1.7),
      errorRate: 0,
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.ShippingService" },
    },
  }),
  ...service("payment", {
    Charge: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(6, 0.3),
      errorRate: 0.00005,
      errorMessage: "idempotency key conflict",
      calls: [call("payment/POST /v1/charges")],
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.PaymentService" },
    },
    "POST /v1/charges": {
      kind: "SPAN_KIND_CLIENT",
      latency: lat(62, 0.28, 0.0004, 120, 2),
      errorRate: 0.0002,
      errorMessage: "card_declined: processor_error",
      attributes: { "http.request.method": "POST", "server.address": "api.psp.example", "peer.service": "psp" },
    },
    GetSettlement: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(45, 0.6, 0.01, 200, 1.5),
      errorRate: 0,
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.PaymentService" },
    },
  }),
  ...service("orders", {
    CreateOrder: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(4, 0.4),
      errorRate: 0,
      calls: [call("orders/INSERT orders")],
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.OrderService" },
    },
    "INSERT orders": {
      kind: "SPAN_KIND_CLIENT",
      latency: lat(7, 0.5, 0.004, 40, 1.6),
      errorRate: 0,
      attributes: { "db.system": "postgresql", "db.operation.name": "INSERT", "db.collection.name": "orders" },
    },
    ReconcileOrders: {
      kind: "SPAN_KIND_INTERNAL",
      latency: lat(30, 0.5),
      errorRate: 0,
      calls: [call("payment/GetSettlement", { repeat: [2, 6], critical: false }), call("orders/UPDATE orders")],
      attributes: { "job.name": "nightly-reconciliation" },
    },
    "UPDATE orders": {
      kind: "SPAN_KIND_CLIENT",
      latency: lat(40, 0.6, 0.01, 100, 1.5),
      errorRate: 0,
      attributes: { "db.system": "postgresql", "db.operation.name": "UPDATE", "db.collection.name": "orders" },
    },
  }),
  ...service("email", {
    SendConfirmation: {
      kind: "SPAN_KIND_SERVER",
      remote: true,
      latency: lat(35, 0.6, 0.005, 100, 1.5),
      errorRate: 0.001,
      errorMessage: "smtp: 451 4.7.1 try again later",
      attributes: { "rpc.system": "grpc", "rpc.service": "hsc.EmailService" },
    },
  }),
};

export const HANDY_SITE_CORP: World = {
  name: "Handy Site Corp",
  operations,
  entries: [
    { op: "frontend/GET /", peakRps: 3, shape: { kind: "diurnal" } },
    { op: "frontend/GET /products", peakRps: 5, shape: { kind: "diurnal" } },
    { op: "frontend/GET /products/{id}", peakRps: 4, shape: { kind: "diurnal" } },
    { op: "frontend/GET /cart", peakRps: 1.2, shape: { kind: "diurnal" } },
    { op: "frontend/POST /cart/items", peakRps: 1, shape: { kind: "diurnal" } },
    { op: "frontend/POST /login", peakRps: 0.6, shape: { kind: "diurnal" } },
    { op: "frontend/POST /checkout", peakRps: 0.5, shape: { kind: "diurnal" } },
    // Runs 02:00–02:40 UTC only: its series sit at zero increase the rest of the day.
    { op: "orders/ReconcileOrders", peakRps: 0.2, shape: { kind: "batch", startMinuteUtc: 120, durationMinutes: 40 } },
  ],
  events: [
    {
      id: "checkout-regression",
      title: "checkout 2.14.0 deploy: N+1 query in PlaceOrder (rolled back after 4 h)",
      daysAgo: 9,
      startMinuteUtc: 13 * 60 + 30,
      durationMs: 4 * HOUR_MS,
      overrides: { "checkout/PlaceOrder": { latency: lat(260, 0.45, 0.01, 300, 1.6) } },
      serviceVersion: { checkout: "2.14.0" },
    },
    {
      id: "payment-incident",
      title: "payment provider outage: charges failing and timing out",
      daysAgo: 3,
      startMinuteUtc: 18 * 60 + 40,
      durationMs: 75 * 60_000,
      overrides: {
        "payment/POST /v1/charges": {
          errorRate: 0.25,
          errorMessage: "upstream 503: psp unavailable",
          errorLatency: lat(700, 0.9),
        },
      },
    },
  ],
  serviceVersions: {
    frontend: "5.3.2",
    catalog: "1.9.0",
    cart: "3.1.4",
    auth: "2.0.7",
    checkout: "2.14.1",
    shipping: "1.2.0",
    payment: "4.6.3",
    orders: "2.2.1",
    email: "1.0.9",
  },
};
