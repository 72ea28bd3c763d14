// Rendered on every request so it reflects the server's environment at run time,
// which is how tests prove the installer passed the env file through to the app.
export const dynamic = 'force-dynamic';

// A clear fallback rather than a throw: a missing env var must show up as a
// visible, assertable page, not as a 500 that looks like a broken install.
const FALLBACK = '(GREETING is not set)';

export default function Greeting() {
  const greeting = process.env.GREETING;
  const isSet = typeof greeting === 'string' && greeting.length > 0;
  return (
    <main>
      <p id="greeting" data-set={isSet ? 'true' : 'false'}>
        {isSet ? greeting : FALLBACK}
      </p>
    </main>
  );
}
