/** Version 4: indexes for task listing in due-date order, overall and per responsible body. */
export const version = 4;
export const name = "task_order";
export const sql = /* sql */ `
create index task_due_order on task (due_date, id);
create index task_body_due_order on task (body_id, due_date, id);
drop index if exists task_due;
`;
