import type { GetStaticProps } from "next";

type Props = { builtAt: string };

// Runs once, at build time: the page is served from the prerendered HTML.
export const getStaticProps: GetStaticProps<Props> = async () => ({
  props: { builtAt: "build time" },
});

export default function Static({ builtAt }: Props) {
  return <p id="static">Static props rendered at {builtAt}</p>;
}
