import type { NextApiRequest, NextApiResponse } from "next";

// An API route reading the query: answers 400 without ?q=, which a route check must accept.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const q = req.query.q;
  if (typeof q !== "string") {
    res.status(400).json({ error: "missing q" });
    return;
  }
  res.status(200).json({ echo: q });
}
