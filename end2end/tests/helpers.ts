import AxeBuilder from "@axe-core/playwright";
import { expect, Page } from "@playwright/test";

/**
 * Collects every uncaught page error (a broken WASM shows up here), every
 * console error, and every failed request, so a test can require none.
 * `expectedStatus` lets one document (a 404 page, say) answer with its own
 * status without hiding a missing asset.
 */
export function watchForErrors(page: Page, expectedStatus?: { path: string; status: number }): string[] {
  const errors: string[] = [];
  // E2E_ECHO_ERRORS=1: each error printed as it happens (for a journey that times out).
  if (process.env.E2E_ECHO_ERRORS) page.on("console", (m) => m.type() === "error" && console.log(`page error: ${m.text().slice(0, 400)}`));
  const isExpected = (path: string, status: number) =>
    expectedStatus !== undefined && path === expectedStatus.path && status === expectedStatus.status;
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && !isExpected(path, response.status())) errors.push(`${response.status()} ${path}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium logs an expected error status to the console too; that one
    // is checked through the response above.
    const url = message.location().url;
    const path = url ? new URL(url).pathname : "";
    if (expectedStatus && isExpected(path, expectedStatus.status) && message.text().includes(String(expectedStatus.status))) return;
    errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Checks the page with axe-core against WCAG 2.1 A and AA: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const severe = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(severe).toEqual([]);
}

export async function waitForHydration(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
}

/** The shape of the Biro's register: 3 Bagian spanning 4, 4 and 5 rows. */
export async function expectBiroRegister(page: Page) {
  const table = page.locator("table.official-table");
  await expect(table.locator("tbody tr")).toHaveCount(13);
  const numbers = table.locator("td.cell-no");
  await expect(numbers).toHaveText(["1", "2", "3"]);
  for (const [index, span] of [4, 4, 5].entries()) {
    await expect(numbers.nth(index)).toHaveAttribute("rowspan", String(span));
  }
  await expect(table.locator("th.cell-bagian .bagian-name")).toHaveText([
    "Bagian Perencanaan & Kepegawain",
    "Bagian Protokol",
    "Bagian Materi & Komunikasi Pimpinan",
  ]);
  await expect(table.locator("em", { hasText: "assessment" })).toHaveCount(1);
  await expect(table).toContainText("Pengumpulan data antar-Biro masih dilakukan secara manual");
  await expect(table).toContainText("batas waktu pasokan data dari OPD.");
}
