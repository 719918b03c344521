// oidc-provider ships no type declarations; tests/helpers/oidc-provider.ts narrows what it uses.
declare module "oidc-provider" {
  const Provider: unknown;
  export default Provider;
}
