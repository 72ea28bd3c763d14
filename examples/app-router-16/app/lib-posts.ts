import fs from "node:fs";
import path from "node:path";

// Read with fs at run time, not imported: only Next's file trace (.next/**/*.nft.json) says the
// server needs content/posts/*.md, so a packager that ignores the traces loses them (issue #16).
const DIR = path.join(process.cwd(), "content", "posts");

export type Post = { slug: string; title: string; body: string };

export function allPosts(): Post[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(DIR, f), "utf8");
      const [first, ...rest] = text.split("\n");
      return { slug: f.replace(/\.md$/, ""), title: first.replace(/^#\s*/, ""), body: rest.join("\n").trim() };
    });
}
