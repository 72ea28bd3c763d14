import type { GetServerSideProps } from "next";

type Props = { greeting: string | null };

// Runs on every request: shows the server's environment at run time (the installer's env file).
export const getServerSideProps: GetServerSideProps<Props> = async () => ({
  props: { greeting: process.env.GREETING ?? null },
});

export default function Ssr({ greeting }: Props) {
  return <p id="greeting">{greeting ? `GREETING=${greeting}` : "(GREETING is not set)"}</p>;
}
