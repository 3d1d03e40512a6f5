-- Drives rtlint's language server from a real Neovim (0.7+), headless:
-- open a file with findings, check the diagnostics and their citation
-- links, edit the buffer without saving and apply a quick fix to it
-- through vim.lsp.buf.code_action (the finding goes before any save),
-- save, see the diagnostics update, add a finding and save, break the code
-- while typing (the findings stay, marked stale, with a note saying why)
-- and mend it. cmd/rtlint/lsp_test.go runs it and checks the JSON it
-- writes, and builds the fixed buffer.
--
-- Environment: RTLINT_BIN (the rtlint binary), RTLINT_FILE (the Go file to
-- open), RTLINT_OUT (where to write the JSON result), RTLINT_GOPLS (a gopls
-- binary to attach beside rtlint, or empty).

local out = { steps = {} }
local bin, file = os.getenv('RTLINT_BIN'), os.getenv('RTLINT_FILE')
local gopls = os.getenv('RTLINT_GOPLS') or ''
local exits = {}

local t0 = vim.loop.hrtime()
local function step(name) table.insert(out.steps, name .. '@' .. math.floor((vim.loop.hrtime() - t0) / 1e6)) end

local function wait(ms, cond, what)
  if not vim.wait(ms, cond, 50) then error('timed out: ' .. what) end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'go'
  local root = vim.fn.fnamemodify(file, ':p:h:h')

  local id = vim.lsp.start_client({
    name = 'rtlint',
    cmd = { bin, 'lsp', '-debounce', '100ms' },
    root_dir = root,
    on_exit = function(code) exits.rtlint = code end,
  })
  assert(id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, id), 'buf_attach_client failed')
  local gid
  if gopls ~= '' then
    gid = vim.lsp.start_client({
      name = 'gopls', cmd = { gopls }, root_dir = root,
      on_exit = function(code) exits.gopls = code end,
    })
    assert(gid and vim.lsp.buf_attach_client(bufnr, gid), 'gopls did not start')
  end
  step('attached')

  local function diags()
    return vim.diagnostic.get(bufnr, { namespace = vim.lsp.diagnostic.get_namespace(id) })
  end
  local function find(code, lnum)
    for _, d in ipairs(diags()) do
      if d.code == code and (lnum == nil or d.lnum == lnum) then return d end
    end
  end
  local function snapshot()
    local list = {}
    for _, d in ipairs(diags()) do
      local lsp = (d.user_data or {}).lsp or {}
      table.insert(list, {
        code = d.code, message = d.message, lnum = d.lnum, col = d.col,
        source = d.source, severity = d.severity,
        href = (lsp.codeDescription or {}).href or '',
      })
    end
    return list
  end
  local function text()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  end

  -- 1. Diagnostics on open.
  wait(120000, function() return find('emptyselect') and find('gosched') and find('lockthread') end,
    'diagnostics after open')
  out.open = snapshot()
  step('diagnostics')

  -- 2. The quick fix, chosen in the code action menu, on a buffer edited
  -- and not saved: two lines more above the finding and a renamed
  -- parameter, so that fix edits built from the file on disk would land
  -- in the wrong place.
  local pin
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line == 'func Pin(work func()) {' then pin = i - 1 end
  end
  assert(pin, 'no func Pin in the file')
  vim.api.nvim_buf_set_lines(bufnr, pin - 1, pin + 3, false,
    { '//', '// The thread is pinned for job.', 'func Pin(job func()) {', '\truntime.LockOSThread()', '\tjob()' })
  assert(vim.bo[bufnr].modified, 'the buffer should be modified')
  wait(60000, function()
    local d = find('lockthread')
    return d and d.lnum == pin + 2
  end, 'the lockthread diagnostic on the edited buffer')
  step('edited unsaved')
  local lock = find('lockthread')
  vim.api.nvim_win_set_cursor(0, { lock.lnum + 1, lock.col })
  out.offered = {}
  vim.ui.select = function(items, _, on_choice)
    local pick
    for _, item in ipairs(items) do
      local client = vim.lsp.get_client_by_id(item[1])
      table.insert(out.offered, { client = client and client.name or '?', title = item[2].title, kind = item[2].kind })
      if not pick and client and client.name == 'rtlint' and item[2].kind == 'quickfix' then pick = item end
    end
    on_choice(pick)
  end
  vim.lsp.buf.code_action()
  wait(30000, function() return text():find('defer runtime.UnlockOSThread()', 1, true) ~= nil end,
    'the quick fix to be applied')
  wait(60000, function() return not find('lockthread') and find('gosched') end,
    'the lockthread diagnostic to go from the unsaved buffer')
  out.fixed_text = text() .. '\n'
  out.modified_after_fix = vim.bo[bufnr].modified
  step('fixed')

  -- 3. Save: the finding goes, the others stay.
  vim.cmd('write')
  wait(60000, function() return not find('lockthread') and find('gosched') end, 'diagnostics after the fix')
  out.after_fix = snapshot()
  step('saved')

  -- 4. Add a finding and save.
  local n = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, n, n, false, { '', '// Block is new.', 'func Block() {', '\tselect {}', '}' })
  out.new_line = n + 3 -- 0-based line of the select
  vim.cmd('write')
  wait(60000, function() return find('emptyselect', n + 3) end, 'the diagnostic of the new code')
  out.after_edit = snapshot()
  step('edited')

  -- 5. Break the code while typing (no save): the findings stay, stale,
  -- with a note saying why analysis is paused. Then mend it.
  vim.api.nvim_buf_set_lines(bufnr, n + 2, n + 3, false, { 'func Block( {' })
  wait(60000, function()
    local paused = false
    for _, d in ipairs(diags()) do
      paused = paused or d.message:find('^analysis paused until the package type%-checks') ~= nil
    end
    local g = find('gosched')
    return paused and g and g.message:find('^%(stale: package does not type%-check%)') ~= nil
  end, 'stale findings and the paused note')
  out.broken = snapshot()
  local client = vim.lsp.get_client_by_id(id)
  assert(client and not client.is_stopped(), 'rtlint lsp stopped on broken code')
  vim.api.nvim_buf_set_lines(bufnr, n + 2, n + 3, false, { 'func Block() {' })
  vim.cmd('write')
  wait(60000, function()
    local g = find('gosched')
    return find('emptyselect', n + 3) and g and not g.message:find('^%(stale')
  end, 'fresh diagnostics after mending')
  step('mended')

  if gid then
    out.gopls_attached = vim.lsp.get_client_by_id(gid) ~= nil and not vim.lsp.get_client_by_id(gid).is_stopped()
  end

  -- Shut down: shutdown request, exit notification, then the exit code.
  vim.lsp.stop_client(id)
  if gid then vim.lsp.stop_client(gid) end
  wait(30000, function() return exits.rtlint ~= nil end, 'rtlint lsp to exit')
  step('stopped')
end)

if not ok then out.error = tostring(err) end
out.exits = exits
local f = assert(io.open(os.getenv('RTLINT_OUT'), 'w'))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd(ok and 'qall!' or 'cquit! 1')
