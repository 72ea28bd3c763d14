// Static: prerendered at build time.
export default function Home() {
  return (
    <main>
      <h1>Hello from app-router-16</h1>
      <p>
        <a href="/posts">posts</a> <a href="/cron">cron</a> <a href="/env">env</a>{" "}
        <a href="/api/time">api</a> <a href="/rss">rss</a>
      </p>
    </main>
  );
}
