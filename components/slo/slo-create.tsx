"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCreateSlo } from "@/lib/client/slos/create";
import { emptySloForm } from "@/lib/client/slo-form";
import { SloForm } from "./slo-form";

export function SloCreate() {
  const router = useRouter();
  const create = useCreateSlo();
  const [initial] = useState(() => emptySloForm());
  return (
    <SloForm
      mode="create"
      initial={initial}
      onSubmit={async (input) => {
        const slo = await create.mutateAsync(input);
        router.push(`/slos/${encodeURIComponent(slo.slug)}?created=1`);
      }}
      onCancel={() => router.push("/slos")}
    />
  );
}
