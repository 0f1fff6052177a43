/** The analytics domain's public surface: daily rollups and the home page's figures. */
export * from "./analytics.rollup.js";
export * from "./dashboard.queries.js";
