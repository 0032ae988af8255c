import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { searchCommits } from "@/lib/views/commits";

const searchQuery = z.object({ q: z.string().trim().min(1, "type a sha prefix, an author or words of the message").max(200) });

export const GET = apiRoute({ role: "viewer", query: searchQuery }, ({ query }) => searchCommits(query.q));
