import { allPosts } from "../lib-posts";

export const dynamic = "force-dynamic";

export function GET() {
  const items = allPosts()
    .map((p) => `<item><title>${p.title}</title><link>/posts/${p.slug}</link></item>`)
    .join("");
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>app-router-16</title>${items}</channel></rss>`;
  return new Response(xml, { headers: { "content-type": "application/rss+xml" } });
}
