import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { api } from "./api";
import { prefetch } from "./prefetch";
import "./app.css";

if (location.pathname === "/") {
  void import("./pages/Dashboard");
  prefetch("dashboard", () => api.dashboard({}));
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
