import { createContext, useContext } from "react";
import type { Me } from "./api";

export interface AuthState {
  me: Me | null;
  /** re-read who is logged in (after login / logout) */
  refresh: () => Promise<void>;
}

export const AuthContext = createContext<AuthState>({ me: null, refresh: async () => {} });
export const useAuth = () => useContext(AuthContext);
