import { redirect } from "next/navigation";

// The catalogue is the home of the product.
export default function Home() {
  redirect("/slos");
}
