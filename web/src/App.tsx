import { MenuOutlined } from "@ant-design/icons";
import { App as AntApp, Button, ConfigProvider, Drawer, Layout, Menu, Result, Space, Spin, Typography, type MenuProps } from "antd";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { createElement, lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType, type ReactNode } from "react";
import { api, ApiError, forgetSignedIn, maybeSignedIn, setUnauthorizedHandler, type Me, type Role } from "./api";
import { AuthContext } from "./auth";
import { Link, match, navigate, useLocation } from "./router";
import { ROLE_NAME } from "./status";

dayjs.locale("zh-cn");

/**
 * lazy(), for a page main.tsx loads ahead (the one the address names): once its module is in, the page renders
 * at once instead of suspending, so no fallback is shown first (nor React's reveal delay after one).
 */
function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  const Lazy = lazy(load);
  function Page(props: P) {
    // chosen once per mount: switching component types would remount the page
    const [C] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(C, props);
  }
  return Object.assign(Page, {
    preload: () =>
      load().then((m) => {
        loaded = m.default;
      }),
  });
}

const Login = preloadable(() => import("./pages/Login"));
const Dashboard = preloadable(() => import("./pages/Dashboard"));
const Documents = preloadable(() => import("./pages/Documents"));
const DocumentView = preloadable(() => import("./pages/DocumentView"));
const TaskTable = preloadable(() => import("./pages/TaskTable"));
const MyTasks = preloadable(() => import("./pages/MyTasks"));
const TaskPage = preloadable(() => import("./pages/TaskPage"));
const Search = preloadable(() => import("./pages/Search"));
const Inbox = preloadable(() => import("./pages/Inbox"));
const Public = preloadable(() => import("./pages/Public"));
const PasswordDialog = lazy(() => import("./pages/PasswordDialog"));
const Users = preloadable(() => import("./pages/Users"));
const Bodies = preloadable(() => import("./pages/Bodies"));
const AuditLog = preloadable(() => import("./pages/AuditLog"));
const Trash = preloadable(() => import("./pages/Trash"));
const Review = preloadable(() => import("./pages/Review"));
const Bulletin = preloadable(() => import("./pages/Bulletin"));

interface RouteDef {
  pattern: string;
  render: (p: Record<string, string>) => ReactNode;
  /** loads the page's code */
  page: { preload: () => Promise<void> };
  public?: boolean;
  /** who may open it; everyone logged in when absent */
  roles?: Role[];
}

const ROUTES: RouteDef[] = [
  { pattern: "/login", render: () => <Login />, page: Login, public: true },
  { pattern: "/public", render: () => <Public />, page: Public, public: true },
  { pattern: "/public/documents/:id", render: (p) => <Public documentId={Number(p.id)} />, page: Public, public: true },
  { pattern: "/", render: () => <Dashboard />, page: Dashboard },
  { pattern: "/documents", render: () => <Documents />, page: Documents },
  { pattern: "/documents/:id", render: (p) => <DocumentView id={Number(p.id)} />, page: DocumentView },
  { pattern: "/documents/:id/tasks", render: (p) => <TaskTable id={Number(p.id)} />, page: TaskTable },
  { pattern: "/my", render: () => <MyTasks />, page: MyTasks },
  { pattern: "/tasks/:id", render: (p) => <TaskPage id={Number(p.id)} />, page: TaskPage },
  { pattern: "/search", render: () => <Search />, page: Search },
  { pattern: "/inbox", render: () => <Inbox />, page: Inbox },
  { pattern: "/bulletin", render: () => <Bulletin />, page: Bulletin, roles: ["admin", "supervisor"] },
  { pattern: "/documents/:id/review", render: (p) => <Review id={Number(p.id)} />, page: Review, roles: ["admin"] },
  { pattern: "/admin/users", render: () => <Users />, page: Users, roles: ["admin"] },
  { pattern: "/admin/bodies", render: () => <Bodies />, page: Bodies, roles: ["admin"] },
  { pattern: "/admin/audit", render: () => <AuditLog />, page: AuditLog, roles: ["admin", "supervisor"] },
  { pattern: "/admin/trash", render: () => <Trash />, page: Trash, roles: ["admin"] },
];

interface NavItem {
  key: string;
  label: string;
  roles?: Role[];
  children?: NavItem[];
}

const NAV: NavItem[] = [
  { key: "/", label: "督查总览" },
  { key: "/bulletin", label: "督查通报", roles: ["admin", "supervisor"] },
  { key: "/inbox", label: "待办消息" },
  { key: "/documents", label: "政策文件" },
  { key: "/my", label: "我的任务" },
  { key: "/search", label: "检索" },
  {
    key: "/admin",
    label: "系统管理",
    roles: ["admin", "supervisor"],
    children: [
      { key: "/admin/users", label: "用户管理", roles: ["admin"] },
      { key: "/admin/bodies", label: "责任单位", roles: ["admin"] },
      { key: "/admin/audit", label: "审计日志", roles: ["admin", "supervisor"] },
      { key: "/admin/trash", label: "回收站", roles: ["admin"] },
    ],
  },
  { key: "/public", label: "政策公开" },
];

/**
 * Loads the code of the page at this address, so that it arrives while the login check is under way rather than
 * after it (main.tsx, before the first render); an address no page answers loads nothing.
 */
export function preloadPage(path: string): Promise<void> {
  const route = ROUTES.find((r) => match(r.pattern, path));
  return route ? route.page.preload() : Promise.resolve();
}

const isPublicPath = (path: string) => ROUTES.some((r) => r.public && !!match(r.pattern, path));

const allowed = (roles: Role[] | undefined, me: Me | null) => !roles || (!!me && roles.includes(me.role));

/** The menu items this user may open, as antd Menu items with links. */
function menuItems(me: Me | null, onPick?: () => void): MenuProps["items"] {
  const item = (n: NavItem): NonNullable<MenuProps["items"]>[number] =>
    n.children
      ? { key: n.key, label: n.label, children: n.children.filter((c) => allowed(c.roles, me)).map(item) }
      : { key: n.key, label: <Link to={n.key} onClick={onPick}>{n.label}</Link> };
  return NAV.filter((n) => allowed(n.roles, me)).map(item);
}

function navKey(path: string): string {
  if (path === "/") return "/";
  const leaves = NAV.flatMap((n) => n.children ?? [n]);
  const hit = leaves.filter((n) => n.key !== "/" && path.startsWith(n.key));
  if (hit.length) return hit[0]!.key;
  if (path.startsWith("/tasks")) return "/my";
  return path;
}

export function App() {
  const { path, query } = useLocation();
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const refresh = useCallback(async () => {
    // on the public pages and the login page only someone who logged in is asked who they are: for anyone
    // else the answer would be a 401, logged in their console as a failed request (public/early.js does the same)
    if (isPublicPath(location.pathname) && !maybeSignedIn()) {
      setMe(null);
      setChecked(true);
      return;
    }
    try {
      setMe(await api.me());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) forgetSignedIn();
      setMe(null);
    } finally {
      setChecked(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    setUnauthorizedHandler(() => {
      setMe(null);
      if (!location.pathname.startsWith("/login") && !location.pathname.startsWith("/public")) {
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [refresh]);

  const route = useMemo(() => {
    for (const r of ROUTES) {
      const p = match(r.pattern, path);
      if (p) return { r, p };
    }
    return null;
  }, [path]);

  useEffect(() => {
    if (checked && !me && route && !route.r.public) navigate(`/login?next=${encodeURIComponent(path + location.search)}`, true);
  }, [checked, me, route, path]);

  const isPublic = route?.r.public ?? false;
  let body: ReactNode;
  if (!route) body = <Result status="404" title="页面不存在" extra={<Link to="/">返回首页</Link>} />;
  else if (!isPublic && !checked) body = <Spin size="large" style={{ display: "block", margin: "80px auto" }} />;
  else if (!isPublic && !me) body = null;
  else if (!allowed(route.r.roles, me)) body = <Result status="403" title="没有权限" subTitle="您的账号没有打开此页面的权限" extra={<Link to="/">返回首页</Link>} />;
  else body = route.r.render(route.p);

  const logout = async () => {
    await api.logout().catch(() => {});
    // on the login page first, so that the check after a logout that went through asks nothing
    navigate("/login");
    await refresh();
  };

  const showStaffNav = !!me && !path.startsWith("/login");
  const [drawer, setDrawer] = useState(false);
  const who = me ? `${me.username}（${ROLE_NAME[me.role] ?? me.role}）` : "";
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: "#a8071a" } }}>
      <AntApp>
        <AuthContext.Provider value={{ me, refresh }}>
          <a className="skip-link" href="#main">跳到正文</a>
          <Layout style={{ minHeight: "100vh" }}>
            <Layout.Header style={{ display: "flex", alignItems: "center" }} className={showStaffNav ? "app-header" : "app-header public-header"}>
              {showStaffNav && (
                <Button className="nav-mobile" type="text" icon={<MenuOutlined style={{ color: "#fff" }} />} aria-label="打开导航菜单" onClick={() => setDrawer(true)} />
              )}
              <Link to={showStaffNav ? "/" : "/public"} className="brand">
                落实<small>政策任务督查督办</small>
              </Link>
              {showStaffNav ? (
                <Menu
                  className="nav-desktop"
                  theme="dark"
                  mode="horizontal"
                  selectedKeys={[navKey(path)]}
                  items={menuItems(me)}
                  style={{ flex: 1, minWidth: 0 }}
                />
              ) : (
                <div style={{ flex: 1 }} />
              )}
              {showStaffNav && <div className="nav-mobile" style={{ flex: 1 }} />}
              {me ? (
                <Space className="nav-desktop">
                  <Typography.Text style={{ color: "#fff" }}>{who}</Typography.Text>
                  <Button size="small" onClick={() => setChangingPassword(true)}>
                    修改密码
                  </Button>
                  <Button size="small" onClick={logout}>
                    退出
                  </Button>
                </Space>
              ) : path.startsWith("/login") ? null : (
                <Button size="small" onClick={() => navigate(`/login?next=${encodeURIComponent(path)}`)}>
                  工作人员登录
                </Button>
              )}
            </Layout.Header>
            {showStaffNav && (
              <Drawer
                title="落实 · 导航"
                placement="left"
                open={drawer}
                onClose={() => setDrawer(false)}
                size={280}
                styles={{ body: { padding: 0 } }}
                footer={
                  <Space style={{ justifyContent: "space-between", width: "100%" }}>
                    <span>{who}</span>
                    <Space>
                      <Button size="small" onClick={() => (setDrawer(false), setChangingPassword(true))}>
                        修改密码
                      </Button>
                      <Button size="small" onClick={() => (setDrawer(false), void logout())}>
                        退出
                      </Button>
                    </Space>
                  </Space>
                }
              >
                <Menu mode="inline" selectedKeys={[navKey(path)]} defaultOpenKeys={["/admin"]} items={menuItems(me, () => setDrawer(false))} aria-label="导航" />
              </Drawer>
            )}
            <Layout.Content id="main">
              <Suspense fallback={<Spin size="large" style={{ display: "block", margin: "80px auto" }} />}>{body}</Suspense>
              {changingPassword && (
                <Suspense fallback={null}>
                  <PasswordDialog onClose={() => setChangingPassword(false)} />
                </Suspense>
              )}
            </Layout.Content>
            <Layout.Footer style={{ textAlign: "center", color: "#666" }}>
              落实 luoshi · 开源政策任务督查督办系统 {query.get("debug") ? "· debug" : ""}
            </Layout.Footer>
          </Layout>
        </AuthContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
