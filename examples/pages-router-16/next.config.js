// CommonJS config, loaded with require() by Next.
/** @type {import('next').NextConfig} */
module.exports = {
  poweredByHeader: false,
};
