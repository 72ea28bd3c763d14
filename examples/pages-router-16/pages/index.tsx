// No data fetching: prerendered at build time.
export default function Home() {
  return (
    <main>
      <h1>Hello from pages-router-16</h1>
      <p>
        <a href="/ssr">ssr</a> <a href="/static">static</a> <a href="/api/hello">api</a>
      </p>
    </main>
  );
}
