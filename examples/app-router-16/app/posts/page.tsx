import { allPosts } from "../lib-posts";

// Rendered per request, so the files are read on the server, from the release.
export const dynamic = "force-dynamic";

export default function Posts() {
  return (
    <main>
      <h1>Posts</h1>
      <ul>
        {allPosts().map((p) => (
          <li key={p.slug}>
            <strong>{p.title}</strong>: {p.body}
          </li>
        ))}
      </ul>
    </main>
  );
}
