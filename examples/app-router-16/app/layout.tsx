import type { Metadata } from "next";

// No next/font/google: it downloads fonts at build time, and the build must work offline.
export const metadata: Metadata = {
  title: "app-router-16",
  description: "Next 16 app router example deployed by Slipway",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
