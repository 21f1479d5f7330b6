import { warmUpSearch } from "../../../bff/src/search/warmUp";
import { getTestServer } from "../../support/server";

describe("warmUpSearch", () => {
  const server = getTestServer({ seed: true });

  it("builds the active edition's index before anyone searches, and a search then reuses it", async () => {
    const ms = await warmUpSearch(server.services);
    expect(ms).toBeGreaterThanOrEqual(0);
    const warmed = await server.services.list.getActive();
    expect(warmed.edition.code).toBe("sample");
    const res = await fetch(
      `${server.url}/api/v1/list/items?q=${encodeURIComponent("开个烧烤店")}`,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: { code: string }[] }).items[0].code).toBe("S2048");
    // The same index object: the search did not build another one.
    expect(await server.services.list.getActive()).toBe(warmed);
  });
});
