// Static: prerendered at build time, so it proves the shipped .next output is served.
export default function Home() {
  return (
    <main>
      <h1>Hello from Slipway</h1>
      <p>
        See <a href="/greeting">/greeting</a> and <a href="/api/health">/api/health</a>.
      </p>
    </main>
  );
}
