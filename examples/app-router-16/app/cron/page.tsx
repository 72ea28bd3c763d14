import cron from "node-cron";

// node-cron is on Next's server-external list: Turbopack does not bundle it but writes the link
// .next/node_modules/node-cron-<hash> -> ../../node_modules/node-cron, which the chunk requires.
export const dynamic = "force-dynamic";

export default function Cron() {
  const valid = cron.validate("*/5 * * * *");
  return (
    <main>
      <p id="cron">node-cron loaded: schedule valid={String(valid)}</p>
    </main>
  );
}
