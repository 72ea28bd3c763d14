import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";

// Runs before every matched route: /old is a permanent redirect home, everything else gets a
// header that proves the middleware ran in the installed release.
export function middleware(request: NextRequest) {
  if (request.nextUrl.pathname === "/old") {
    return NextResponse.redirect(new URL("/", request.url), 308);
  }
  const response = NextResponse.next();
  response.headers.set("x-slipway-middleware", "1");
  return response;
}

export const config = { matcher: ["/((?!_next/).*)"] };
