/**
 * One value of a gateway's /metrics: the sample whose name and labels match `series` (a regular
 * expression source, braces escaped). A gauge with no value is not printed at all: that reads as 0.
 */
export async function metric(gatewayUrl: string, series: string): Promise<number> {
  const text = await (await fetch(new URL("/metrics", gatewayUrl))).text();
  return Number(new RegExp(`^${series} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
}
