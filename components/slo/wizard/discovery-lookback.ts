// How far back the pickers look for traffic. Discovery caps its rate look-back at 7 days: long
// enough that a service quiet today (a nightly batch, a weekend lull) still shows up.
export const DISCOVERY_LOOKBACK_SECONDS = 7 * 86_400;
export const lookbackWords = "last 7 days";
