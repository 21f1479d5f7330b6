// @qiun/ucharts ships plain JavaScript (an ES module with a default export) and no typings.
declare module "@qiun/ucharts" {
  /** A chart drawn on construction; options follow the uCharts 2 documentation. */
  export default class UCharts {
    constructor(options: Record<string, unknown> & { context: unknown });
    updateData(options: Record<string, unknown>): void;
  }
}
