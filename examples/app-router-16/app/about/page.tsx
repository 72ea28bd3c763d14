// Static: prerendered at build time.
export default function About() {
  return <main><p>About app-router-16: a static page.</p></main>;
}
