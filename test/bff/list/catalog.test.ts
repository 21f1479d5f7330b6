import { ListCatalog } from "../../../bff/src/list/catalog";
import { DepartmentModel } from "../../../bff/src/models/department/department.schema";
import { loadSynonyms } from "../../../bff/src/search/synonyms";
import { getTestServer } from "../../support/server";

describe("ListCatalog.departmentsByCode", () => {
  getTestServer({ seed: true });

  afterEach(() => jest.restoreAllMocks());

  it("serves concurrent requests that find the cache empty or expired with one read", async () => {
    const catalog = new ListCatalog(() => loadSynonyms());
    const find = jest.spyOn(DepartmentModel, "find");
    const maps = await Promise.all(Array.from({ length: 50 }, () => catalog.departmentsByCode()));
    expect(find).toHaveBeenCalledTimes(1);
    expect(maps.every((m) => m === maps[0])).toBe(true);
    expect(maps[0].get("scjgj")?.name).toBeTruthy();

    // Within the minute: no read at all. After invalidate(): one shared read again.
    await catalog.departmentsByCode();
    expect(find).toHaveBeenCalledTimes(1);
    catalog.invalidate();
    await Promise.all(Array.from({ length: 20 }, () => catalog.departmentsByCode()));
    expect(find).toHaveBeenCalledTimes(2);
  });

  it("lets the next request try again after a failed read", async () => {
    const catalog = new ListCatalog(() => loadSynonyms());
    jest.spyOn(DepartmentModel, "find").mockImplementationOnce(() => {
      throw new Error("数据库不可用");
    });
    await expect(catalog.departmentsByCode()).rejects.toThrow("数据库不可用");
    expect((await catalog.departmentsByCode()).size).toBeGreaterThan(0);
  });
});
