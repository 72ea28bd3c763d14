package dev.slipway.packager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project that looks like a built Next.js app to the packager (no real build: fast unit
 * tests). The end-to-end tests use the real example app instead.
 */
final class SyntheticProject {
  private SyntheticProject() {}

  static Path create(Path dir) throws IOException {
    write(dir, "package.json", """
        {
          "name": "shop",
          "version": "2.0.0",
          "private": true,
          "scripts": { "build": "next build", "start": "next start" },
          "engines": { "node": ">=20" },
          "dependencies": { "next": "^15.0.0" },
          "devDependencies": { "is-number": "^7.0.0" }
        }
        """);
    write(dir, "package-lock.json", """
        {
          "name": "shop",
          "version": "2.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": {
              "name": "shop",
              "version": "2.0.0",
              "dependencies": { "next": "^15.0.0" },
              "devDependencies": { "is-number": "^7.0.0" }
            },
            "node_modules/next": { "version": "15.5.29" },
            "node_modules/is-number": { "version": "7.0.0", "dev": true }
          }
        }
        """);
    write(dir, "next.config.mjs", "export default { poweredByHeader: false };\n");
    write(dir, ".env.example", "GREETING=\n");
    write(dir, ".next/BUILD_ID", "abc123");
    write(dir, ".next/package.json", "{\"type\":\"commonjs\"}");
    write(dir, ".next/required-server-files.json",
        "{\"version\":1,\"config\":{},\"appDir\":\"/build/shop\",\"relativeAppDir\":\"\",\"files\":[],\"ignore\":[]}");
    write(dir, ".next/static/chunks/main.js", "console.log('main')");
    write(dir, ".next/server/app/page.js",
        "const a=process.env.DATABASE_URL;const b=process.env.NEXT_RUNTIME;const g=process.env.GREETING;");
    write(dir, ".next/cache/webpack/client.pack", "cache");
    write(dir, ".next/trace", "trace");
    write(dir, ".next/types/app/page.ts", "types");
    write(dir, "public/robots.txt", "User-agent: *\n");
    write(dir, "app/page.js", "export default function Page() {}");
    write(dir, ".env", "GREETING=secret-value\n");
    write(dir, "node_modules/next/package.json", "{\"name\":\"next\",\"version\":\"15.5.29\"}");
    return dir;
  }

  static void write(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
