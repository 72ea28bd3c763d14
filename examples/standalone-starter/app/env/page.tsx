import { Suspense } from "react";
import { connection } from "next/server";

// Rendered per request: shows the server's GREETING at run time (the release's env file).
// cacheComponents (the starter's config) refuses `export const dynamic`; connection() inside
// Suspense is how a page opts into request time there.
async function Greeting() {
  await connection();
  const greeting = process.env.GREETING;
  return <p id="greeting">{greeting ? `GREETING=${greeting}` : "(GREETING is not set)"}</p>;
}

export default function Env() {
  return (
    <main>
      <Suspense fallback={<p>loading</p>}>
        <Greeting />
      </Suspense>
    </main>
  );
}
