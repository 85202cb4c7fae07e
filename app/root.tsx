import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useNonce } from "./components/nonce";
import { SiteFooter, SiteHeader } from "./components/site-header";
import stylesheet from "./tailwind.css";
import { getEnv } from "./utils/env.server";
import { getUser } from "./utils/session.server";
import { unreadThreadCount } from "./inquiries/threads.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  // No favicon file yet: an empty icon stops browsers asking for /favicon.ico.
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [
  { title: "GMネットワーク｜総合医を目指す医師と地域の医療機関をつなぐ" },
  { name: "description", content: "総合医リカレント実践事業（ReGeneral）「診療の場の提供」事業。総合医を目指す医師を受け入れる全国の病院・診療所を探せます。" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    user: user ? { email: user.email, role: user.role, displayName: user.displayName, unread: await unreadThreadCount(user) } : null,
    // Developers find the mailbox from every page; production has none.
    devMailbox: !getEnv().isProduction,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <SiteHeader user={data?.user ?? null} />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter devMailbox={data?.devMailbox ?? false} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export { RouteErrorBoundary as ErrorBoundary } from "./components/route-error";
