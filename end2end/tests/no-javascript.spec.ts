import { expect, test } from "@playwright/test";
import { expectBiroRegister } from "./helpers";

test("without JavaScript the register is complete and the language form works", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Tabel Pemetaan Potensi Benturan Kepentingan",
  );
  await expectBiroRegister(page);

  await page.getByTestId("language-switch").click();
  await page.waitForURL("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("thead th").nth(4)).toHaveText("Root Cause");
  await expectBiroRegister(page);
});
