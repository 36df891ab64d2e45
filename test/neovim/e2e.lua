-- Neovim 0.7.2's own LSP client against `mainguard server`, headless: open a file, wait for the
-- MG001 diagnostic, ask for the code actions on its line, apply the preferred one, write; then
-- a second file fixed on save through source.fixAll.mainguard (the README's recipe).
-- Arguments come through the environment: MAINGUARD_CMD (JSON list), MAINGUARD_ROOT, MAINGUARD_REPORT.
local report = {}

local function finish(ok, problem)
  report.ok = ok
  report.problem = problem
  local file = io.open(os.getenv("MAINGUARD_REPORT"), "w")
  file:write(vim.fn.json_encode(report))
  file:close()
  vim.cmd(ok and "qa!" or "cq!")
end

local function start_client()
  return vim.lsp.start_client({
    name = "mainguard",
    cmd = vim.fn.json_decode(os.getenv("MAINGUARD_CMD")),
    root_dir = os.getenv("MAINGUARD_ROOT"),
  })
end

local function wait_for_diagnostics(bufnr)
  return vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
end

-- The README's fix-on-save: before each write, apply mainguard's fix-all edits.
local function fix_all_on_save(bufnr, client)
  vim.api.nvim_create_autocmd("BufWritePre", {
    buffer = bufnr,
    callback = function()
      local params = vim.lsp.util.make_range_params()
      params.context = { only = { "source.fixAll.mainguard" }, diagnostics = {} }
      local results = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
      for _, result in pairs(results) do
        for _, action in ipairs(result.result or {}) do
          if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding) end
        end
      end
    end,
  })
end

local function run()
  local id = start_client()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, id)
  if not wait_for_diagnostics(bufnr) then return finish(false, "no diagnostics for the first file") end
  local client = vim.lsp.get_client_by_id(id)
  report.offset_encoding = client.offset_encoding
  report.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.diagnostics, { code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code, source = d.source, lnum = d.lnum, col = d.col, message = d.message })
  end
  local first = vim.diagnostic.get(bufnr)[1]
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
  local params = vim.lsp.util.make_range_params()
  -- 0.7.2 hands the line's diagnostics with byte columns: the server matches by line.
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  local results = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
  report.titles = {}
  local preferred
  for _, result in pairs(results) do
    for _, action in ipairs(result.result or {}) do
      table.insert(report.titles, action.title)
      if action.isPreferred then preferred = action end
    end
  end
  if not preferred then return finish(false, "no preferred code action") end
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  vim.cmd("write")
  -- The fix is published back: no diagnostic is left.
  report.cleared = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)

  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MAINGUARD_ROOT") .. "/on_save.py"))
  local second = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(second, id)
  if not wait_for_diagnostics(second) then return finish(false, "no diagnostics for the second file") end
  fix_all_on_save(second, client)
  vim.cmd("write")
  finish(true)
end

-- Nested: the `:write` inside must fire BufWritePre, as a user's would.
vim.api.nvim_create_autocmd("VimEnter", {
  nested = true,
  callback = function()
    local ok, problem = pcall(run)
    if not ok then finish(false, tostring(problem)) end
  end,
})
