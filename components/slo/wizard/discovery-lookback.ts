// How far back the pickers look for traffic: a week, so a service quiet today (a nightly batch, a
// weekend lull) still shows up, while the rates stay about the service as it is now.
export const DISCOVERY_LOOKBACK_SECONDS = 7 * 86_400;
export const lookbackWords = "last 7 days";
