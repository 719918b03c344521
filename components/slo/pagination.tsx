// Previous/next as real links so every page of a filtered catalogue has its own URL.
import Link from "next/link";
import { sloSearchToString, SLO_PAGE_SIZE, type SloSearch } from "@/lib/client/slo-search-params";
import { buttonClass } from "../ui/button";

export function Pagination({ search, total }: { search: SloSearch; total: number }) {
  const pages = Math.max(1, Math.ceil(total / SLO_PAGE_SIZE));
  const from = total === 0 ? 0 : (search.page - 1) * SLO_PAGE_SIZE + 1;
  const to = Math.min(total, search.page * SLO_PAGE_SIZE);
  const href = (page: number) => `/slos${sloSearchToString({ ...search, page })}`;
  const disabled = buttonClass("secondary", "pointer-events-none opacity-40");
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-zinc-600">
      <p>
        {total === 0 ? "No results" : <>Showing <span className="font-medium text-zinc-900">{from}–{to}</span> of <span className="font-medium text-zinc-900">{total}</span></>}
      </p>
      {pages > 1 ? (
        <div className="flex items-center gap-2">
          {search.page > 1 ? <Link href={href(search.page - 1)} className={buttonClass("secondary")} rel="prev">Previous</Link> : <span aria-disabled className={disabled}>Previous</span>}
          <span className="px-1 tabular-nums">Page {search.page} of {pages}</span>
          {search.page < pages ? <Link href={href(search.page + 1)} className={buttonClass("secondary")} rel="next">Next</Link> : <span aria-disabled className={disabled}>Next</span>}
        </div>
      ) : null}
    </nav>
  );
}
