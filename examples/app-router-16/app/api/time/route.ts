export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true, app: "app-router-16", now: Date.now() });
}
