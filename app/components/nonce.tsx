import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response (app/server/http.server.ts), for the inline
 * scripts Remix writes. Set on the server only: browsers hide a nonce attribute from scripts,
 * so on the client it is "", which React does not report as a hydration difference.
 */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
