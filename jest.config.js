// One jest run covers every suite; projects keep environments and timeouts apart.
const path = require("node:path");

const swc = [
  "@swc/jest",
  {
    jsc: {
      target: "es2022",
      parser: { syntax: "typescript", tsx: true },
      transform: { react: { runtime: "automatic" } },
    },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  },
];

// Workspace packages resolve to their TypeScript sources so tests never run stale builds.
const workspaceMapper = {
  "^@lushan/shared$": "<rootDir>/shared/src/index.ts",
  "^@lushan/shared/(.*)$": "<rootDir>/shared/src/$1",
  "^@lushan/embedded-mongo$": "<rootDir>/embedded-mongo/src/index.ts",
  "^@lushan/embedded-mongo/(.*)$": "<rootDir>/embedded-mongo/src/$1",
};

function nodeProject(name, extra = {}) {
  return {
    displayName: name,
    rootDir: __dirname,
    testEnvironment: "node",
    roots: [path.join("<rootDir>", "test", name)],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.(t|j)sx?$": swc },
    moduleNameMapper: workspaceMapper,
    ...extra,
  };
}

const fs = require("node:fs");

// Mini-program components, hooks and services in jsdom; Taro and its components are replaced by
// small DOM doubles (test/miniapp/support) because the real ones need the Taro runtime.
function miniappProject() {
  return {
    ...nodeProject("miniapp"),
    testEnvironment: "jsdom",
    testMatch: ["**/*.test.ts", "**/*.test.tsx"],
    setupFiles: ["<rootDir>/test/miniapp/support/setup.ts"],
    moduleNameMapper: {
      ...workspaceMapper,
      "\\.(scss|css)$": "<rootDir>/test/miniapp/support/styleStub.ts",
      "\\.(png|svg)$": "<rootDir>/test/miniapp/support/fileStub.ts",
      "^@tarojs/taro$": "<rootDir>/test/miniapp/support/taro.ts",
      "^@tarojs/components$": "<rootDir>/test/miniapp/support/components.tsx",
      "^@/platform$": "<rootDir>/miniapp/src/platform/index.h5.ts",
      "^@/(.*)$": "<rootDir>/miniapp/src/$1",
    },
  };
}

module.exports = {
  // CI machines have two cores and run every project at once: a 5 s default failed healthy tests
  // that build thousands of documents while browsers and builds share the CPU.
  testTimeout: 30_000,
  projects: [
    nodeProject("shared"),
    nodeProject("embedded-mongo"),
    nodeProject("bff"),
    nodeProject("reliability"),
    nodeProject("e2e"),
    miniappProject(),
  ].filter((p) => fs.existsSync(path.join(__dirname, "test", p.displayName))),
};
