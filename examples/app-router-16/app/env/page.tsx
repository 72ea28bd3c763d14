// Read per request: shows the server's environment at run time (the installer's env file).
export const dynamic = "force-dynamic";

export default function Env() {
  const greeting = process.env.GREETING;
  return (
    <main>
      <p id="greeting">{greeting ? `GREETING=${greeting}` : "(GREETING is not set)"}</p>
    </main>
  );
}
