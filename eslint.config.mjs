// Lint = Next's recommended rules + the one-way import boundaries of ARCHITECTURE.md.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const boundaries = {
  files: ["**/*.{ts,tsx}"],
  rules: {
    "import/no-cycle": "error",
    "import/no-restricted-paths": [
      "error",
      {
        zones: [
          // The domain stays pure: no framework, server adapters or UI.
          { target: "./lib/slo", from: ["./app", "./components", "./lib/server", "./lib/client"], message: "lib/slo is pure: no I/O or UI imports." },
          { target: "./lib/promql", from: ["./app", "./components", "./lib/server", "./lib/client"], message: "lib/promql is pure." },
          { target: "./lib/openslo", from: ["./app", "./components", "./lib/server", "./lib/client"], message: "lib/openslo is pure." },
          { target: "./lib/spanmetrics", from: ["./app", "./components", "./lib/server", "./lib/client"], message: "lib/spanmetrics is pure." },
          { target: "./lib/schemas", from: ["./app", "./components", "./lib/server", "./lib/client"], message: "schemas are shared and pure." },
          // UI never reaches into server adapters.
          { target: "./components", from: ["./lib/server"], message: "components must not import server-only modules." },
          { target: "./lib/client", from: ["./lib/server"], message: "client modules must not import server-only modules." },
        ],
      },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  boundaries,
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/generated/**", "tests/.tmp/**", ".data/**", "next-env.d.ts"] },
];

export default config;
