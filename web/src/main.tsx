import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, preloadPage } from "./App";
import { api } from "./api";
import { prefetch } from "./prefetch";
import { prefetchTaskTable } from "./task-table-data";
import "./app.css";

const render = () =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// the page's code first, fetched beside the login check, so that the first render shows the page rather than a
// fallback; on the dashboard its data request too (started in public/early.js, before this code arrived)
if (location.pathname === "/") prefetch("dashboard", () => api.dashboard({}));
prefetchTaskTable(location.pathname, new URLSearchParams(location.search));
preloadPage(location.pathname).then(render, render);
