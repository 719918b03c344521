import { redirect } from "next/navigation";
import { requirePageAuth } from "@/lib/server/auth/page";

// The catalogue is the home of the product.
export default async function Home() {
  await requirePageAuth("/");
  redirect("/slos");
}
