import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// A generated register of 10,000 rows (400 Bagian of 25), in a year no other
// journey reads. Its body is windowed: these journeys check that every row
// can be reached with the right numbers and spans, and record how fast it
// loads and filters (figures for BENCHMARKS.md, never asserted: the machine
// is noisy).
const YEAR = 2002;
const ROWS = 10_000;

test.describe.configure({ mode: "serial", timeout: 180_000 });

let address = "";

test.beforeAll(async ({ request }) => {
  execFileSync(process.env.BENTURAN_BIN ?? "../target/release/benturan", ["generate", "--rows", String(ROWS), "--year", String(YEAR)], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.BENTURAN_E2E_DB}?mode=rwc`, RUST_LOG: "warn" },
    stdio: "pipe",
  });
  for (let unit = 1; unit < 100 && !address; unit++) {
    const found = await (await request.get(`/api/get_register?unit=${unit}&year=${YEAR}`)).json();
    if (found) address = `/register/${unit}/${YEAR}`;
  }
  expect(address).not.toBe("");
});

const rowsInDom = "table.official-table tr[data-row-id]";

test("a register of 10,000 rows loads a window, and scrolling reaches every row with its Bagian's number", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.hasAttribute("data-hydrated")) {
        (window as unknown as { hydratedAt: number }).hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  await page.goto(address);
  await waitForHydration(page);
  const load = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      firstContentfulPaintMs: Math.round(paint?.startTime ?? -1),
      domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd),
      hydratedMs: Math.round((window as unknown as { hydratedAt: number }).hydratedAt),
      htmlBytes: navigation.transferSize,
      htmlDecodedBytes: navigation.decodedBodySize,
    };
  });
  await expect(page.getByTestId("register-summary")).toHaveText("400 bagian · 10.000 baris risiko");
  // A window: the rows from the table's top to the screen's bottom and some
  // to spare (the table starts under the heading and the cycle panel), far
  // from all 10,000.
  await expect.poll(() => page.locator(rowsInDom).count()).toBeGreaterThanOrEqual(3);
  const inDom = await page.locator(rowsInDom).count();
  expect(inDom).toBeLessThan(200);
  await expectAccessible(page);

  // The middle: rows cover the screen (no gap where a spacer is), with the
  // number of their Bagian.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect
    .poll(() => page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest("tr[data-row-id]") !== null))
    .toBe(true);
  const middle = await page.evaluate(() => {
    const row = document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest("tbody");
    return { number: row?.querySelector("td.cell-no")?.textContent, rows: row?.querySelectorAll("tr[data-row-id]").length };
  });
  expect(Number(middle.number)).toBeGreaterThan(100);
  expect(Number(middle.number)).toBeLessThan(300);

  // The end: the last row, in Bagian 400.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = page.locator(`${rowsInDom}:has-text("#10000")`);
  await expect
    .poll(async () => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      return last.count();
    })
    .toBe(1);
  const lastBagian = page.locator("tbody.register-section", { has: page.locator('tr[data-row-id]:has-text("#10000")') });
  await expect(lastBagian.locator("td.cell-no")).toHaveText("400");
  const span = await lastBagian.locator("td.cell-no").getAttribute("rowspan");
  expect(Number(span)).toBe(await lastBagian.locator("tr[data-row-id]").count());
  await page.screenshot({ path: "screenshots/large-end.png" });

  // A narrower screen scrolls the table in its own box: the window follows it.
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = page.locator(".table-scroll");
  await box.evaluate((element) => element.scrollTo(0, element.scrollHeight / 3));
  const boxCovered = () =>
    box.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return hit?.closest("tr[data-row-id]") !== null;
    });
  await expect.poll(boxCovered).toBe(true);
  await page.screenshot({ path: "screenshots/large-box-scrolled.png" });
  await page.setViewportSize({ width: 1366, height: 900 });

  // Keyboard: Ctrl+End reaches the last of all 10,000 rows, not the last
  // one rendered; Ctrl+Home comes back to the first.
  // The box scrolled above may still hold its window a third of the way
  // down: wait for the register's first row before taking it as the start.
  await page.evaluate(() => window.scrollTo(0, 0));
  await box.evaluate((element) => element.scrollTo(0, 0));
  const first = page.locator(rowsInDom).first();
  await expect(first).toContainText(/#1(?!\d)/);
  const firstId = await first.getAttribute("data-row-id");
  await first.locator(".cell-view").first().focus();
  await page.keyboard.press("Control+End");
  await expect(page.locator(`${rowsInDom}:has-text("#10000") :focus`)).toHaveCount(1);
  await page.keyboard.press("Control+Home");
  await expect(page.locator(`tr[data-row-id="${firstId}"] .cell-view:focus`)).toHaveCount(1);

  // Filtering, typed key by key: from each key's keydown to the first change
  // of the table, and to the frame that shows it; and the Event Timing API's
  // verdict (it lists only events whose next paint came 16 ms or more later).
  await page.evaluate(() => window.scrollTo(0, 0));
  const search = page.getByRole("searchbox", { name: "Cari" });
  await search.focus();
  await page.evaluate(() => {
    const w = window as unknown as { slowEvents: object[] };
    w.slowEvents = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[]) {
        w.slowEvents.push({ name: entry.name, duration: entry.duration, processing: entry.processingEnd - entry.processingStart });
      }
    }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
  });
  const keystrokes: { key: string; changedMs: number; paintedMs: number }[] = [];
  const press = async (key: string) => {
    // The frame is timed from a requestAnimationFrame asked for at keydown,
    // before the app's own (its spare rows come after the frame).
    const measured = page.evaluate(
      () =>
        new Promise<{ changedMs: number; paintedMs: number }>((resolve) => {
          const box = document.querySelector("input[type=search]") as HTMLInputElement;
          let pressedAt = 0;
          let changedAt = 0;
          let framedAt = 0;
          const done = () => {
            if (changedAt && framedAt >= changedAt) resolve({ changedMs: changedAt - pressedAt, paintedMs: framedAt - pressedAt });
          };
          const frame = () =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                framedAt = performance.now();
                done();
              }, 0),
            );
          box.addEventListener(
            "keydown",
            (event) => {
              pressedAt = event.timeStamp;
              frame();
            },
            { once: true },
          );
          const observer = new MutationObserver(() => {
            observer.disconnect();
            changedAt = performance.now();
            if (framedAt) frame();
          });
          observer.observe(document.querySelector("section.register") as Node, { childList: true, subtree: true, characterData: true, attributes: true });
        }),
    );
    await page.waitForTimeout(50);
    await page.keyboard.press(key);
    const { changedMs, paintedMs } = await measured;
    keystrokes.push({ key, changedMs: Math.round(changedMs * 10) / 10, paintedMs: Math.round(paintedMs * 10) / 10 });
    await page.waitForTimeout(150);
  };
  for (const key of ["#", "9", "9", "9", "9", "Backspace", "Backspace", "Backspace", "Backspace", "Backspace", "p", "e", "l", "Backspace", "Backspace", "Backspace"]) {
    await press(key);
  }
  await expect(page.getByTestId("filter-count")).toHaveText("10.000 risiko");
  const slowEvents = await page.evaluate(() => (window as unknown as { slowEvents: object[] }).slowEvents);
  await search.fill("#9999");
  await expect(page.locator(rowsInDom)).toHaveCount(1);
  await expect(page.locator(rowsInDom)).toContainText("#9999");
  await expect(page.locator("td.cell-no")).toHaveText("400");

  // 400 Bagian are folded away; unfolded, one can be chosen, and the fold
  // says so.
  await search.fill("");
  await expect(page.getByTestId("filter-count")).toHaveText("10.000 risiko");
  const fold = page.locator("details.bagian-fold > summary");
  await expect(fold).toHaveText("Semua Bagian (400)");
  await expect(page.getByRole("checkbox", { name: "Bagian Uji 400" })).toBeHidden();
  await fold.click();
  await page.getByRole("checkbox", { name: "Bagian Uji 400" }).check();
  await expect(page.getByTestId("filter-count")).toHaveText("25 dari 10.000 risiko");
  await expect(fold).toHaveText("1 dari 400 Bagian");
  await expect(page.locator("td.cell-no")).toHaveText("400");
  await page.screenshot({ path: "screenshots/large-bagian-chosen.png" });
  expect(errors).toEqual([]);

  const figures = { rows: ROWS, rowsInDom: inDom, ...load, keystrokes, slowEvents };
  console.log(JSON.stringify(figures));
  mkdirSync("perf", { recursive: true });
  writeFileSync("perf/large.json", JSON.stringify(figures, null, 2));
});
