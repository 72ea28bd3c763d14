export const metadata = {
  title: 'hello-next',
  description: 'Example app deployed by Slipway',
};

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
