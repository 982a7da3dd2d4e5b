<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>No date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>The lowest date means no target date</source>
        <translation>最早的日期表示没有目标日期</translation>
    </message>
    <message>
        <source>Notes for the team: what to build, links, decisions…</source>
        <translation>团队备注：要做什么、链接、决定……</translation>
    </message>
    <message>
        <source>Experiment plan</source>
        <translation>实验计划</translation>
    </message>
    <message>
        <source>If we …, then … because …</source>
        <translation>如果我们……，那么……，因为……</translation>
    </message>
    <message>
        <source> pts</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>The smallest absolute lift worth detecting, in percentage points</source>
        <translation>值得检测的最小绝对提升（百分点）</translation>
    </message>
    <message>
        <source>Significance level, two-sided</source>
        <translation>显著性水平（双侧）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Contacts reaching the experiment per week; a dry-run&apos;s figure is used when there is one</source>
        <translation>每周进入实验的联系人数；有试运行数据时使用试运行数据</translation>
    </message>
    <message>
        <source>Hypothesis</source>
        <translation>假设</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Baseline rate</source>
        <translation>基准转化率</translation>
    </message>
    <message>
        <source>Detect a lift of</source>
        <translation>检测提升幅度</translation>
    </message>
    <message>
        <source>Significance (α)</source>
        <translation>显著性（α）</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>统计功效</translation>
    </message>
    <message>
        <source>Entries per week</source>
        <translation>每周进入人数</translation>
    </message>
    <message>
        <source>No workflow selected</source>
        <translation>未选择旅程</translation>
    </message>
    <message>
        <source>Select a row to see its notes and, for an experiment, its sample size.</source>
        <translation>选择一行查看备注；如果是实验，还可查看所需样本量。</translation>
    </message>
    <message>
        <source>#%1 in the queue</source>
        <translation>队列第 %1 位</translation>
    </message>
    <message>
        <source>  (your estimate; the dry-run&apos;s %1 is used)</source>
        <translation>  （你的估计；使用试运行的 %1）</translation>
    </message>
    <message>
        <source>none (the dry-run&apos;s %1 is used)</source>
        <translation>无（使用试运行的 %1）</translation>
    </message>
    <message>
        <source>Cannot size this test: %1</source>
        <translation>无法计算此实验的样本量：%1</translation>
    </message>
    <message>
        <source>%1 groups</source>
        <translation>%1 组</translation>
    </message>
    <message>
        <source> (holdout %1%)</source>
        <translation>（对照组 %1%）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; contacts per variant · %2 · %3 entries in all</source>
        <translation>每个变体 &lt;b&gt;%1&lt;/b&gt; 个联系人 · %2 · 共 %3 人次进入</translation>
    </message>
    <message>
        <source>Set the entries per week to see how long it takes.</source>
        <translation>设置每周进入人数即可查看所需时间。</translation>
    </message>
    <message>
        <source>from the dry-run</source>
        <translation>来自试运行</translation>
    </message>
    <message>
        <source>your estimate</source>
        <translation>你的估计</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 weeks&lt;/b&gt; at %2 entries a week (%3)</source>
        <translation>每周 %2 人次进入，需 &lt;b&gt;%1 周&lt;/b&gt;（%3）</translation>
    </message>
    <message>
        <source>Edit notes of “%1”</source>
        <translation>编辑“%1”的备注</translation>
    </message>
    <message>
        <source>Change experiment plan of “%1”</source>
        <translation>修改“%1”的实验计划</translation>
    </message>
    <message>
        <source>Experiments need a number of contacts per variant; the weeks that takes depend on how many contacts reach the experiment each week. With a dry-run, that figure comes from the simulation (journey dry-run FILE --db NAME.db); a database named like the blueprint, beside it, is used automatically. Otherwise each plan&apos;s own estimate is used.</source>
        <translation>实验的每个变体都需要一定数量的联系人；所需周数取决于每周有多少联系人进入实验。有试运行时，该数字来自模拟（journey dry-run FILE --db NAME.db）；与蓝图同名、放在旁边的数据库会被自动使用。否则使用各计划自己的估计。</translation>
    </message>
    <message>
        <source>Use a dry-run database…</source>
        <translation>使用试运行数据库…</translation>
    </message>
    <message>
        <source>Use a PostgreSQL dry-run database…</source>
        <translation>使用 PostgreSQL 试运行数据库…</translation>
    </message>
    <message>
        <source>Reload the latest dry-run</source>
        <translation>重新载入最近一次试运行</translation>
    </message>
    <message>
        <source>Use the plans&apos; estimates</source>
        <translation>使用计划中的估计</translation>
    </message>
    <message>
        <source>Use a dry-run database</source>
        <translation>使用试运行数据库</translation>
    </message>
    <message>
        <source>Dry-run databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>试运行数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 holds no dry-run yet.</source>
        <translation>%1 中还没有试运行。</translation>
    </message>
    <message>
        <source>No dry-run figures</source>
        <translation>没有试运行数据</translation>
    </message>
    <message>
        <source>Entries/week: plan estimates</source>
        <translation>每周进入：计划估计</translation>
    </message>
    <message>
        <source>Using each plan&apos;s own estimate of entries per week.</source>
        <translation>使用各计划自己估计的每周进入人数。</translation>
    </message>
    <message>
        <source>Entries/week: dry-run #%1</source>
        <translation>每周进入：试运行 #%1</translation>
    </message>
    <message>
        <source>Using %1.</source>
        <translation>使用 %1。</translation>
    </message>
    <message>
        <source>No run of this blueprint is saved there, so the latest run is used.</source>
        <translation>那里没有保存本蓝图的运行，因此使用最近一次运行。</translation>
    </message>
    <message>
        <source>Use a PostgreSQL dry-run database</source>
        <translation>使用 PostgreSQL 试运行数据库</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>数据库 URL</translation>
    </message>
    <message>
        <source>Not a PostgreSQL URL</source>
        <translation>不是 PostgreSQL URL</translation>
    </message>
    <message>
        <source>Type a URL such as postgresql://user@host:5432/db, or pick a file instead.</source>
        <translation>请输入形如 postgresql://user@host:5432/db 的 URL，或改为选择文件。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>旅程</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Value now</source>
        <translation>当前价值</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>长期影响</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>工作量</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>把握度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <source>Sample needed</source>
        <translation>所需样本</translation>
    </message>
    <message>
        <source>Why this rank</source>
        <translation>排名依据</translation>
    </message>
    <message>
        <source>(value now + impact) × confidence ÷ effort</source>
        <translation>（当前价值 + 长期影响）× 把握度 ÷ 工作量</translation>
    </message>
    <message>
        <source>(value now + impact) × confidence ÷ effort = score; pins override</source>
        <translation>（当前价值 + 长期影响）× 把握度 ÷ 工作量 = 得分；置顶优先</translation>
    </message>
    <message>
        <source>Place in the build queue; drag rows to pin a manual order</source>
        <translation>在搭建队列中的位置；拖动行可手动固定顺序</translation>
    </message>
    <message>
        <source>Set the expected entries per week to see how many weeks it needs</source>
        <translation>设置预计每周进入人数以查看需要几周</translation>
    </message>
    <message>
        <source>Set %1 of “%2”</source>
        <translation>设置“%2”的%1</translation>
    </message>
    <message>
        <source>Move “%1” to #%2 in the build queue</source>
        <translation>将“%1”移到搭建队列第 %2 位</translation>
    </message>
    <message>
        <source>Clear the manual build-queue order</source>
        <translation>清除搭建队列的手动顺序</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Blueprint overview: every workflow under the stage it starts from</source>
        <translation>蓝图总览：每个旅程显示在其起始阶段下</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>%1 workflows · %2 in the build queue (%3 new, %4 improve, %5 experiments) · %6 live</source>
        <translation>%1 个旅程 · 搭建队列中 %2 个（新建 %3，优化 %4，实验 %5）· 已上线 %6</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Improve</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>A workflow or message that does not exist yet</source>
        <translation>尚不存在的旅程或消息</translation>
    </message>
    <message>
        <source>A workflow that exists but should work better</source>
        <translation>已存在但需要优化的旅程</translation>
    </message>
    <message>
        <source>A test to raise conversion</source>
        <translation>提升转化的测试</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>想法</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>搭建中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>已上线</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已下线</translation>
    </message>
    <message>
        <source>barely noticeable</source>
        <translation>几乎察觉不到</translation>
    </message>
    <message>
        <source>small gain</source>
        <translation>小幅提升</translation>
    </message>
    <message>
        <source>clear gain this quarter</source>
        <translation>本季度明显提升</translation>
    </message>
    <message>
        <source>large gain this quarter</source>
        <translation>本季度大幅提升</translation>
    </message>
    <message>
        <source>critical: revenue or conversion at stake now</source>
        <translation>关键：收入或转化正受影响</translation>
    </message>
    <message>
        <source>none beyond today</source>
        <translation>仅限眼前</translation>
    </message>
    <message>
        <source>small</source>
        <translation>较小</translation>
    </message>
    <message>
        <source>lasting gain on one stage</source>
        <translation>对某一阶段有持续提升</translation>
    </message>
    <message>
        <source>raises lifetime value</source>
        <translation>提升客户生命周期价值</translation>
    </message>
    <message>
        <source>changes the whole lifecycle</source>
        <translation>改变整个生命周期</translation>
    </message>
    <message>
        <source>under a day</source>
        <translation>不到一天</translation>
    </message>
    <message>
        <source>a few days</source>
        <translation>几天</translation>
    </message>
    <message>
        <source>one to two weeks</source>
        <translation>一到两周</translation>
    </message>
    <message>
        <source>about a month</source>
        <translation>约一个月</translation>
    </message>
    <message>
        <source>a quarter or more</source>
        <translation>一个季度或更久</translation>
    </message>
    <message>
        <source>a hunch</source>
        <translation>直觉</translation>
    </message>
    <message>
        <source>anecdotes</source>
        <translation>个别案例</translation>
    </message>
    <message>
        <source>benchmarks or good reasons</source>
        <translation>行业基准或充分理由</translation>
    </message>
    <message>
        <source>our own data</source>
        <translation>我们自己的数据</translation>
    </message>
    <message>
        <source>proven (tested before)</source>
        <translation>已验证（测试过）</translation>
    </message>
    <message>
        <source>value %1 + impact %2, confidence %3, effort %4 → score %5</source>
        <translation>价值 %1 + 影响 %2，把握度 %3，工作量 %4 → 得分 %5</translation>
    </message>
    <message>
        <source>%1: not in the queue</source>
        <translation>%1：不在队列中</translation>
    </message>
    <message>
        <source>Pinned at #%1; its score (%2) alone would rank #%3</source>
        <translation>固定在第 %1 位；仅按得分（%2）会排第 %3 位</translation>
    </message>
    <message>
        <source> · tie</source>
        <translation> · 并列</translation>
    </message>
    <message>
        <source> (tie: higher value now first, then blueprint order)</source>
        <translation>（并列：当前价值高者优先，其次按蓝图顺序）</translation>
    </message>
    <message>
        <source>Cannot size: check baseline and lift</source>
        <translation>无法计算：请检查基准转化率和提升幅度</translation>
    </message>
    <message>
        <source>%1 / variant</source>
        <translation>%1 / 变体</translation>
    </message>
    <message>
        <source>%1 wk</source>
        <translation>%1 周</translation>
    </message>
    <message>
        <source>Filter by name, owner or notes</source>
        <translation>按名称、负责人或备注筛选</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>In the queue</source>
        <translation>在队列中</translation>
    </message>
    <message>
        <source>Clear manual order</source>
        <translation>清除手动顺序</translation>
    </message>
    <message>
        <source>Unpin every workflow: the queue follows the scores again</source>
        <translation>取消所有固定：队列重新按得分排序</translation>
    </message>
    <message>
        <source>%1 in the queue: %2 new, %3 improve, %4 experiments · %5 live · %6 retired</source>
        <translation>队列中 %1 个：新建 %2，优化 %3，实验 %4 · 已上线 %5 · 已下线 %6</translation>
    </message>
    <message>
        <source>%1 pinned</source>
        <translation>已固定 %1 个</translation>
    </message>
    <message>
        <source>Open workflow</source>
        <translation>打开旅程</translation>
    </message>
    <message>
        <source>Move to top</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <source>Unpin “%1”</source>
        <translation>取消固定“%1”</translation>
    </message>
    <message>
        <source>Compare &amp;With</source>
        <translation>对比(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Saved Version</source>
        <translation>已保存的版本(&amp;S)</translation>
    </message>
    <message>
        <source>Another &amp;File…</source>
        <translation>其他文件(&amp;F)…</translation>
    </message>
    <message>
        <source>A &amp;Commit…</source>
        <translation>某个提交(&amp;C)…</translation>
    </message>
    <message>
        <source>See what changed: two canvases with added, removed and changed steps</source>
        <translation>查看改动：两个画布显示新增、删除和修改的步骤</translation>
    </message>
    <message>
        <source>this blueprint</source>
        <translation>此蓝图</translation>
    </message>
    <message>
        <source>{0} (with unsaved edits)</source>
        <translation>{0}（含未保存的修改）</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法对比</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Journey blueprints (*.json);;All files (*)</source>
        <translation>旅程蓝图 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>saved file {0}</source>
        <translation>已保存的文件 {0}</translation>
    </message>
    <message>
        <source>Compare with a Commit</source>
        <translation>与某个提交对比</translation>
    </message>
    <message>
        <source>Commits that changed {0}:</source>
        <translation>修改过 {0} 的提交：</translation>
    </message>
    <message>
        <source>Compare: {0} with {1}</source>
        <translation>对比：{0} 与 {1}</translation>
    </message>
    <message>
        <source>Both versions</source>
        <translation>两个版本</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Workflow:</source>
        <translation>旅程：</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Before: {0}</source>
        <translation>之前：{0}</translation>
    </message>
    <message>
        <source>After: {0}</source>
        <translation>之后：{0}</translation>
    </message>
    <message>
        <source>{1}; steps removed since {0} are dashed</source>
        <translation>{1}；自 {0} 以来删除的步骤显示为虚线</translation>
    </message>
    <message>
        <source>The workflow is not in this version</source>
        <translation>此版本中没有这个旅程</translation>
    </message>
    <message>
        <source>No workflows</source>
        <translation>没有旅程</translation>
    </message>
    <message>
        <source>{0} changes in all; {1} here</source>
        <translation>共 {0} 处改动；此处 {1} 处</translation>
    </message>
    <message>
        <source>No differences</source>
        <translation>没有差异</translation>
    </message>
    <message>
        <source>Untitled blueprint</source>
        <translation>未命名蓝图</translation>
    </message>
    <message>
        <source>New journey</source>
        <translation>新旅程</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Open blueprint</source>
        <translation>打开蓝图</translation>
    </message>
    <message>
        <source>Revert to saved</source>
        <translation>恢复到已保存</translation>
    </message>
    <message>
        <source>Discard your changes to “%s” and reload the saved file? This cannot be undone.</source>
        <translation>放弃对“%s”的修改并重新载入已保存的文件？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Journey Designer cannot open “%s”.</source>
        <translation>Journey Designer 无法打开“%s”。</translation>
    </message>
    <message>
        <source>Cannot open blueprint</source>
        <translation>无法打开蓝图</translation>
    </message>
    <message>
        <source>Save blueprint as</source>
        <translation>蓝图另存为</translation>
    </message>
    <message>
        <source>Cannot save blueprint</source>
        <translation>无法保存蓝图</translation>
    </message>
    <message>
        <source>The blueprint could not be saved to “%s”.</source>
        <translation>蓝图无法保存到“%s”。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>“%s” has unsaved changes. Save them before closing it?</source>
        <translation>“%s”有未保存的修改。关闭前保存吗？</translation>
    </message>
    <message>
        <source>an untitled blueprint</source>
        <translation>未命名蓝图</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>恢复未保存的修改？</translation>
    </message>
    <message>
        <source>Journey Designer did not close properly. Unsaved changes to “%s” (%s) were saved at %s.

Restore them?</source>
        <translation>Journey Designer 上次未正常关闭。对“%s”（%s）未保存的修改已于 %s 自动保存。

要恢复吗？</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>e.g. has_tag(&quot;vip&quot;) and score &gt;= 50</source>
        <translation>如 has_tag(&quot;vip&quot;) and score &gt;= 50</translation>
    </message>
    <message>
        <source>(optional) e.g. props.amount &gt; 100</source>
        <translation>（可选）如 props.amount &gt; 100</translation>
    </message>
    <message>
        <source>Functions: %1</source>
        <translation>函数：%1</translation>
    </message>
    <message>
        <source>Insert a placeholder</source>
        <translation>插入占位符</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Blueprint variables</source>
        <translation>蓝图变量</translation>
    </message>
    <message>
        <source>With a fallback</source>
        <translation>带默认值</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Shown on the canvas; leave empty to show “%1”.</source>
        <translation>显示在画布上；留空则显示“%1”。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Placeholders: %1, or use the { } button to insert one.</source>
        <translation>占位符：%1，或用 { } 按钮插入。</translation>
    </message>
    <message>
        <source>Settings (read-only)</source>
        <translation>设置（只读）</translation>
    </message>
    <message>
        <source>Select one step on the canvas to edit its settings, or click empty canvas to edit the workflow.</source>
        <translation>在画布上选择一个步骤以编辑其设置，或点击画布空白处编辑旅程。</translation>
    </message>
    <message>
        <source>Unknown kind</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <source>This file has a &apos;%1&apos; step, which this version does not know. It is kept as it is.</source>
        <translation>此文件包含“%1”步骤，当前版本无法识别，将原样保留。</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 个步骤</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加%1</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Separate values with commas</source>
        <translation>多个值用逗号分隔</translation>
    </message>
    <message>
        <source>Total %1%</source>
        <translation>合计 %1%</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Switch off to wait without a limit</source>
        <translation>关闭则无限期等待</translation>
    </message>
    <message>
        <source>%1 (not allowed)</source>
        <translation>%1（不允许）</translation>
    </message>
    <message>
        <source>%1 (not a stage of this blueprint)</source>
        <translation>%1（不是本蓝图的阶段）</translation>
    </message>
    <message>
        <source>Type to search, e.g. Shanghai</source>
        <translation>输入以搜索，如 Shanghai</translation>
    </message>
    <message>
        <source>Unknown time zone: pick one from the list (e.g. Asia/Shanghai)</source>
        <translation>未知时区：请从列表中选择（如 Asia/Shanghai）</translation>
    </message>
    <message>
        <source>Clear to leave the date unset</source>
        <translation>清除以不设置日期</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>The lifecycle stage contacts start from</source>
        <translation>联系人起始的生命周期阶段</translation>
    </message>
    <message>
        <source>The stage this journey moves them to</source>
        <translation>本旅程要推动联系人到达的阶段</translation>
    </message>
    <message>
        <source>Channel priority</source>
        <translation>渠道优先级</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>转化目标</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>衡量</translation>
    </message>
    <message>
        <source>Exit criteria</source>
        <translation>退出条件</translation>
    </message>
    <message>
        <source>Re-entry</source>
        <translation>重复进入</translation>
    </message>
    <message>
        <source>Frequency cap</source>
        <translation>频次控制</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Sample blueprint</source>
        <translation>示例蓝图</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>对比运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Dry-run</source>
        <translation>试运行(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Show the &amp;Run Panel</source>
        <translation>显示运行面板(&amp;R)</translation>
    </message>
    <message>
        <source>Show the R&amp;esults</source>
        <translation>显示结果(&amp;E)</translation>
    </message>
    <message>
        <source>Showing the last dry-run (#%d) kept with this file</source>
        <translation>显示此文件保存的最近一次试运行（#%d）</translation>
    </message>
    <message>
        <source>Nothing can be dry-run until one is fixed.</source>
        <translation>修复之前无法试运行。</translation>
    </message>
    <message>
        <source>Dry-running the %d workflow(s) without errors.</source>
        <translation>正在试运行 %d 个无错误的旅程。</translation>
    </message>
    <message>
        <source>A dry-run uses the sample, synthetic or CSV contacts; the database is for Run. Using the sample contacts.</source>
        <translation>试运行使用示例、合成或 CSV 联系人；数据库用于正式运行。现使用示例联系人。</translation>
    </message>
    <message>
        <source>Starting the dry-run…</source>
        <translation>正在开始试运行…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved</source>
        <translation>已取消：未保存任何内容</translation>
    </message>
    <message>
        <source>Could not dry-run</source>
        <translation>无法试运行</translation>
    </message>
    <message>
        <source>Done: %s enrolled, %s converted</source>
        <translation>完成：进入 %s 人，转化 %s 人</translation>
    </message>
    <message>
        <source>The dry-run stopped: %s</source>
        <translation>试运行已停止：%s</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a contact to see the message as they would get it.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选择一个联系人，查看其将收到的消息。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Select a contact and a message step first.</source>
        <translation>请先选择一个联系人和一个消息步骤。</translation>
    </message>
    <message>
        <source>Type the test address to send to.</source>
        <translation>请输入测试发送地址。</translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation>未发送：%s</translation>
    </message>
    <message>
        <source>Test message %s is in the sandbox outbox of %s (marked test, not counted).</source>
        <translation>测试消息 %s 已放入 %s 的沙盒发件箱（标记为测试，不计入统计）。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <source>Run is off until they are fixed.</source>
        <translation>修复之前无法运行。</translation>
    </message>
    <message>
        <source>%d error(s):</source>
        <translation>%d 个错误：</translation>
    </message>
    <message>
        <source>
… and %d more</source>
        <translation>
……另有 %d 个</translation>
    </message>
    <message>
        <source>&lt;i&gt;This step sends nothing.&lt;/i&gt;</source>
        <translation>&lt;i&gt;此步骤不发送消息。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Press Dry-run to see where contacts go.</source>
        <translation>点击“试运行”查看联系人的去向。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Value</source>
        <comment>a metric&apos;s number</comment>
        <translation>数值</translation>
    </message>
    <message>
        <source>, %s runs (mean)</source>
        <translation>，运行 %s 次（均值）</translation>
    </message>
    <message>
        <source>%s contacts over %s days%s: %s enrolled, %s converted (%s), %s messages delivered</source>
        <translation>%s 个联系人，%s 天%s：进入 %s 人，转化 %s 人（%s），送达消息 %s 条</translation>
    </message>
    <message>
        <source>Funnel: %s</source>
        <translation>漏斗：%s</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Not sent when planned, by reason</source>
        <translation>未按计划发送（按原因）</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Contact pressure: messages in the busiest week</source>
        <translation>触达压力：最繁忙一周收到的消息数</translation>
    </message>
    <message>
        <source>messages in the busiest week</source>
        <translation>最繁忙一周收到的消息数</translation>
    </message>
    <message>
        <source>Messages per channel per day</source>
        <translation>各渠道每日消息数</translation>
    </message>
    <message>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Experiments: conversion by variant</source>
        <translation>实验：各变体的转化</translation>
    </message>
    <message>
        <source>lift over holdout: </source>
        <translation>相对对照组的提升：</translation>
    </message>
    <message>
        <source>planned sample reached: %s of %s per variant</source>
        <translation>已达计划样本量：每个变体 %s / %s</translation>
    </message>
    <message>
        <source>planned sample NOT reached: %s of %s per variant</source>
        <translation>未达计划样本量：每个变体 %s / %s</translation>
    </message>
    <message>
        <source>&apos;%s&apos;: planned sample of %s per group reached in week %s</source>
        <translation>“%s”：每组计划样本量 %s 将在第 %s 周达到</translation>
    </message>
    <message>
        <source>(no experiment with a holdout in this blueprint)</source>
        <translation>（本蓝图中没有带对照组的实验）</translation>
    </message>
    <message>
        <source>conversion %</source>
        <translation>转化率 %</translation>
    </message>
    <message>
        <source>experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>converted</source>
        <translation>已转化</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>lift</source>
        <translation>提升</translation>
    </message>
    <message>
        <source>lift low (95%)</source>
        <translation>提升下限（95%）</translation>
    </message>
    <message>
        <source>lift high (95%)</source>
        <translation>提升上限（95%）</translation>
    </message>
    <message>
        <source>planned per variant</source>
        <translation>每个变体的计划样本量</translation>
    </message>
    <message>
        <source>▶ Start demo</source>
        <translation>▶ 开始演示</translation>
    </message>
    <message>
        <source>Run on database</source>
        <translation>在数据库上运行</translation>
    </message>
    <message>
        <source>Choose Contacts: Database and a file or a postgresql:// URL to run on (or tick demo mode).</source>
        <translation>请选择“联系人：数据库”和要运行的文件或 postgresql:// 地址（或勾选演示模式）。</translation>
    </message>
    <message>
        <source>%d sample contacts added to %s</source>
        <translation>%d 个示例联系人已添加到 %s</translation>
    </message>
    <message>
        <source>Running on %s</source>
        <translation>正在 %s 上运行</translation>
    </message>
    <message>
        <source>Clock %s · %d messages in the outbox</source>
        <translation>时钟 %s · 发件箱中 %d 条消息</translation>
    </message>
    <message>
        <source>The run stopped: %s</source>
        <translation>运行已停止：%s</translation>
    </message>
    <message>
        <source>Start the demo and select a contact first.</source>
        <translation>请先开始演示并选择一个联系人。</translation>
    </message>
    <message>
        <source>%s fired for %s: watch it move on the next tick.</source>
        <translation>已触发 %s（联系人 %s）：下一个节拍时查看其移动。</translation>
    </message>
    <message>
        <source>not in any journey</source>
        <translation>不在任何旅程中</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Search contacts: name, email, stage, tag…</source>
        <translation>搜索联系人：姓名、邮箱、阶段、标签…</translation>
    </message>
    <message>
        <source>Select a contact to follow it.</source>
        <translation>选择一个联系人以跟踪。</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>test address, e.g. me@example.com</source>
        <translation>测试地址，如 me@example.com</translation>
    </message>
    <message>
        <source>Send test</source>
        <translation>发送测试</translation>
    </message>
    <message>
        <source>Message preview</source>
        <translation>消息预览</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Fire event</source>
        <translation>触发事件</translation>
    </message>
    <message>
        <source>Demo: make it happen</source>
        <translation>演示：让事件发生</translation>
    </message>
    <message>
        <source>%.1f simulated days per second</source>
        <translation>每秒模拟 %.1f 天</translation>
    </message>
    <message>
        <source>%.0f simulated hours per second</source>
        <translation>每秒模拟 %.0f 小时</translation>
    </message>
    <message>
        <source>%.0f× real time</source>
        <translation>%.0f 倍实时</translation>
    </message>
    <message>
        <source>Sample contacts (1,000)</source>
        <translation>示例联系人（1,000）</translation>
    </message>
    <message>
        <source>Synthetic contacts</source>
        <translation>合成联系人</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>blueprint&apos;s</source>
        <translation>蓝图自带</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>▶ Dry-run</source>
        <translation>▶ 试运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Demo mode (sample database, fast clock)</source>
        <translation>演示模式（示例数据库，快速时钟）</translation>
    </message>
    <message>
        <source>Show percentages on the canvas</source>
        <translation>在画布上显示百分比</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Clock speed</source>
        <translation>时钟速度</translation>
    </message>
    <message>
        <source>contacts.csv</source>
        <translation>contacts.csv</translation>
    </message>
    <message>
        <source>journey.db or postgresql://user@host/db</source>
        <translation>journey.db 或 postgresql://用户@主机/数据库</translation>
    </message>
    <message>
        <source>File or URL</source>
        <translation>文件或地址</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>SQLite databases (*.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Run the journey for real on the database (sandbox outbox unless configured)</source>
        <translation>在数据库上正式运行旅程（未配置时使用沙盒发件箱）</translation>
    </message>
    <message>
        <source> · about %s left</source>
        <translation> · 约剩 %s</translation>
    </message>
    <message>
        <source>Entered A</source>
        <translation>进入 A</translation>
    </message>
    <message>
        <source>Entered B</source>
        <translation>进入 B</translation>
    </message>
    <message>
        <source>Converted A</source>
        <translation>转化 A</translation>
    </message>
    <message>
        <source>Converted B</source>
        <translation>转化 B</translation>
    </message>
    <message>
        <source>Each dry-run is kept in the blueprint&apos;s database (NAME.db beside NAME.json).</source>
        <translation>每次试运行都保存在蓝图的数据库中（NAME.json 旁的 NAME.db）。</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>New workflow from template</source>
        <translation>从模板新建旅程</translation>
    </message>
    <message>
        <source>Added “%s” from the template library</source>
        <translation>已从模板库添加“%s”</translation>
    </message>
    <message>
        <source>Saved the template to %s</source>
        <translation>模板已保存到 %s</translation>
    </message>
    <message>
        <source>Export Runbook</source>
        <translation>导出执行手册</translation>
    </message>
    <message>
        <source>PDF document (*.pdf);;Web page (*.html);;Markdown (*.md)</source>
        <translation>PDF 文档 (*.pdf);;网页 (*.html);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write “%s”.</source>
        <translation>无法写入“%s”。</translation>
    </message>
    <message>
        <source>Runbook written to %s</source>
        <translation>执行手册已写入 %s</translation>
    </message>
    <message>
        <source>any stage</source>
        <translation>任意阶段</translation>
    </message>
    <message>
        <source>New from Template</source>
        <translation>从模板新建</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>所有阶段</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>所有渠道</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Add to this blueprint</source>
        <translation>添加到此蓝图</translation>
    </message>
    <message>
        <source>Open in a new blueprint</source>
        <translation>在新蓝图中打开</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>%d templates</source>
        <translation>%d 个模板</translation>
    </message>
    <message>
        <source>No template matches these filters.</source>
        <translation>没有符合筛选条件的模板。</translation>
    </message>
    <message>
        <source>Save Workflow as Template</source>
        <translation>将旅程保存为模板</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Parameter name</source>
        <translation>参数名</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Tick the settings a user of the template should choose:</source>
        <translation>勾选模板使用者需要填写的设置：</translation>
    </message>
    <message>
        <source>Parameter names are lower case letters, digits and _, each once: %s</source>
        <translation>参数名只能用小写字母、数字和 _，且不能重复：%s</translation>
    </message>
    <message>
        <source>&amp;New Blueprint</source>
        <translation>新建蓝图(&amp;N)</translation>
    </message>
    <message>
        <source>New &amp;Window</source>
        <translation>新建窗口(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;vert to Saved</source>
        <translation>恢复到已保存(&amp;V)</translation>
    </message>
    <message>
        <source>Discard the unsaved changes and reload the file</source>
        <translation>放弃未保存的修改并重新载入文件</translation>
    </message>
    <message>
        <source>Workflow as &amp;PNG…</source>
        <translation>旅程导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Workflow as &amp;SVG…</source>
        <translation>旅程导出为 SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>Blueprint as &amp;JSON…</source>
        <translation>蓝图导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Workflow as JSON…</source>
        <translation>旅程导出为 JSON(&amp;W)…</translation>
    </message>
    <message>
        <source>Blueprint &amp;Overview as PNG…</source>
        <translation>蓝图总览导出为 PNG(&amp;O)…</translation>
    </message>
    <message>
        <source>Blueprint O&amp;verview as SVG…</source>
        <translation>蓝图总览导出为 SVG(&amp;V)…</translation>
    </message>
    <message>
        <source>New from &amp;Template…</source>
        <translation>从模板新建(&amp;T)…</translation>
    </message>
    <message>
        <source>Start a workflow from the SOP template library</source>
        <translation>从 SOP 模板库创建旅程</translation>
    </message>
    <message>
        <source>Save Workflow as Te&amp;mplate…</source>
        <translation>将旅程保存为模板(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Runbook (PDF, HTML, Markdown)…</source>
        <translation>执行手册（PDF、HTML、Markdown）(&amp;R)…</translation>
    </message>
    <message>
        <source>The client hand-over document of the current workflow</source>
        <translation>当前旅程的客户交付文档</translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation>关闭窗口(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Rename Step</source>
        <translation>重命名步骤(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;Step…</source>
        <translation>添加步骤(&amp;S)…</translation>
    </message>
    <message>
        <source>Search the catalogue and add a step at the cursor</source>
        <translation>搜索步骤库并在光标处添加步骤</translation>
    </message>
    <message>
        <source>Sticky &amp;Note</source>
        <translation>便签(&amp;N)</translation>
    </message>
    <message>
        <source>Add a sticky note for a comment</source>
        <translation>添加便签作为批注</translation>
    </message>
    <message>
        <source>Workflow &amp;Canvas</source>
        <translation>旅程画布(&amp;C)</translation>
    </message>
    <message>
        <source>Edit the workflows on the canvas</source>
        <translation>在画布上编辑旅程</translation>
    </message>
    <message>
        <source>&amp;Build Queue</source>
        <translation>搭建队列(&amp;B)</translation>
    </message>
    <message>
        <source>Rank every workflow: what to build next, and the experiments&apos; sample sizes</source>
        <translation>为每个旅程排序：下一步搭建什么，以及实验所需样本量</translation>
    </message>
    <message>
        <source>Blueprint O&amp;verview</source>
        <translation>蓝图总览(&amp;V)</translation>
    </message>
    <message>
        <source>The whole programme on one screen, by lifecycle stage</source>
        <translation>按生命周期阶段在一屏内查看整个营销计划</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <source>Build queue</source>
        <translation>搭建队列</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit All</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>对齐网格(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>缩略图(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;New Workflow</source>
        <translation>新建旅程(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Rename Workflow…</source>
        <translation>重命名旅程(&amp;R)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate Workflow</source>
        <translation>创建旅程副本(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete Workflow</source>
        <translation>删除旅程(&amp;D)</translation>
    </message>
    <message>
        <source>Move Tab &amp;Left</source>
        <translation>标签左移(&amp;L)</translation>
    </message>
    <message>
        <source>Move Tab Ri&amp;ght</source>
        <translation>标签右移(&amp;G)</translation>
    </message>
    <message>
        <source>Ne&amp;xt Workflow</source>
        <translation>下一个旅程(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Previous Workflow</source>
        <translation>上一个旅程(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Auto-Layout</source>
        <translation>自动布局(&amp;A)</translation>
    </message>
    <message>
        <source>Lay the workflow out left to right (undoable)</source>
        <translation>将旅程从左到右自动排列（可撤销）</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Journey Designer</source>
        <translation>关于 Journey Designer(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>插入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Workflow</source>
        <translation>旅程(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <source>↷ Redo</source>
        <translation>↷ 重做</translation>
    </message>
    <message>
        <source>+ Add step</source>
        <translation>+ 添加步骤</translation>
    </message>
    <message>
        <source>✎ Note</source>
        <translation>✎ 便签</translation>
    </message>
    <message>
        <source>⇶ Auto-layout</source>
        <translation>⇶ 自动布局</translation>
    </message>
    <message>
        <source>⤢ Fit</source>
        <translation>⤢ 适应窗口</translation>
    </message>
    <message>
        <source>⇪ Export PNG</source>
        <translation>⇪ 导出 PNG</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Middle button drag, or Space + drag</source>
        <translation>按住中键拖动，或按住空格拖动</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连线</translation>
    </message>
    <message>
        <source>Drag from an output port onto a step</source>
        <translation>从输出端口拖到某个步骤上</translation>
    </message>
    <message>
        <source>Select several</source>
        <translation>多选</translation>
    </message>
    <message>
        <source>Drag on empty canvas; Ctrl/Shift adds</source>
        <translation>在画布空白处拖动；按住 Ctrl/Shift 追加</translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>微调位置</translation>
    </message>
    <message>
        <source>Arrow keys (Shift: further)</source>
        <translation>方向键（Shift：移动更多）</translation>
    </message>
    <message>
        <source>Add a step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <source>Double-click empty canvas, or drag from the palette</source>
        <translation>双击画布空白处，或从步骤面板拖入</translation>
    </message>
    <message>
        <source>Auto-Layout Selection</source>
        <translation>自动布局所选内容</translation>
    </message>
    <message>
        <source>Delete Wire</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <source>Delete Wires</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <source>Add Step Here…</source>
        <translation>在此添加步骤…</translation>
    </message>
    <message>
        <source>Sticky Note Here</source>
        <translation>在此添加便签</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>About Journey Designer</source>
        <translation>关于 Journey Designer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Journey Designer&lt;/b&gt; %s&lt;br&gt;&lt;br&gt;Design, validate, dry-run and run customer journeys: automation blueprints from stranger to promoter.</source>
        <translation>&lt;b&gt;Journey Designer&lt;/b&gt; %s&lt;br&gt;&lt;br&gt;设计、校验、试运行和运行客户旅程：从陌生人到推荐者的自动化营销蓝图。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The palette is not available.</source>
        <translation>步骤面板不可用。</translation>
    </message>
    <message>
        <source>Problems appear here.</source>
        <translation>问题会显示在这里。</translation>
    </message>
    <message>
        <source>Select a step to edit it.</source>
        <translation>选择一个步骤进行编辑。</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>清除最近文件</translation>
    </message>
    <message>
        <source>Copied %d item(s)</source>
        <translation>已复制 %d 项</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported to %s</source>
        <translation>已导出到 %s</translation>
    </message>
    <message>
        <source>Export blueprint overview</source>
        <translation>导出蓝图总览</translation>
    </message>
    <message>
        <source>Could not write “%1”.</source>
        <translation>无法写入“%1”。</translation>
    </message>
    <message>
        <source>Exported the blueprint overview to %1</source>
        <translation>蓝图总览已导出到 %1</translation>
    </message>
    <message>
        <source>&apos;%s&apos; moves contacts from %s to %s. Right-click a stage to change.</source>
        <translation>“%s”将联系人从 %s 推进到 %s。右键单击阶段可修改。</translation>
    </message>
    <message>
        <source>Right-click a stage to set where this workflow starts and ends.</source>
        <translation>右键单击阶段，设置本旅程的起止阶段。</translation>
    </message>
    <message>
        <source>Workflow starts here</source>
        <translation>旅程从此阶段开始</translation>
    </message>
    <message>
        <source>Workflow ends here</source>
        <translation>旅程在此阶段结束</translation>
    </message>
    <message>
        <source>Clear stages</source>
        <translation>清除阶段</translation>
    </message>
    <message>
        <source>Show the Problems panel</source>
        <translation>显示问题面板</translation>
    </message>
    <message>
        <source>Zoom level (click: actual size)</source>
        <translation>缩放比例（单击：实际大小）</translation>
    </message>
    <message>
        <source>Zoom %d%%</source>
        <translation>缩放 %d%%</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>✓ No problems</source>
        <translation>✓ 没有问题</translation>
    </message>
    <message>
        <source>%d error(s)</source>
        <translation>%d 个错误</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>%d warning(s)</source>
        <translation>%d 个警告</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <source>New workflow (Ctrl+T)</source>
        <translation>新建旅程（Ctrl+T）</translation>
    </message>
    <message>
        <source>New journey %d</source>
        <translation>新旅程 %d</translation>
    </message>
    <message>
        <source>Rename workflow</source>
        <translation>重命名旅程</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>%s (copy)</source>
        <translation>%s（副本）</translation>
    </message>
    <message>
        <source>Duplicate workflow</source>
        <translation>创建旅程副本</translation>
    </message>
    <message>
        <source>Delete workflow</source>
        <translation>删除旅程</translation>
    </message>
    <message>
        <source>Delete “%s” and its %d steps? You can undo this.</source>
        <translation>删除“%s”及其 %d 个步骤？此操作可以撤销。</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add %s</source>
        <translation>添加%s</translation>
    </message>
    <message>
        <source>Add %d nodes</source>
        <translation>添加 %d 个步骤</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>删除步骤</translation>
    </message>
    <message>
        <source>Delete {n} nodes</source>
        <translation>删除 {n} 个步骤</translation>
    </message>
    <message>
        <source>Move node</source>
        <translation>移动步骤</translation>
    </message>
    <message>
        <source>Move {n} nodes</source>
        <translation>移动 {n} 个步骤</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连线</translation>
    </message>
    <message>
        <source>Change %s</source>
        <translation>修改%s</translation>
    </message>
    <message>
        <source>Change behaviour of %s</source>
        <translation>修改 %s 的行为</translation>
    </message>
    <message>
        <source>Rename node</source>
        <translation>重命名步骤</translation>
    </message>
    <message>
        <source>Change workflow %s</source>
        <translation>修改旅程%s</translation>
    </message>
    <message>
        <source>Change blueprint %s</source>
        <translation>修改蓝图%s</translation>
    </message>
    <message>
        <source>Add workflow</source>
        <translation>添加旅程</translation>
    </message>
    <message>
        <source>Reorder workflows</source>
        <translation>调整旅程顺序</translation>
    </message>
    <message>
        <source>Add sticky note</source>
        <translation>添加便签</translation>
    </message>
    <message>
        <source>Delete sticky note</source>
        <translation>删除便签</translation>
    </message>
    <message>
        <source>Edit sticky note</source>
        <translation>编辑便签</translation>
    </message>
    <message>
        <source>Not changed: %s</source>
        <translation>未修改：%s</translation>
    </message>
    <message>
        <source>Unknown step kind: %s</source>
        <translation>未知步骤类型：%s</translation>
    </message>
    <message>
        <source>Added without a wire: %s</source>
        <translation>已添加但未连线：%s</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Cannot connect: %s</source>
        <translation>无法连线：%s</translation>
    </message>
    <message>
        <source>The workflow is already laid out</source>
        <translation>旅程已经排列好了</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>自动布局</translation>
    </message>
    <message>
        <source>Delete %d nodes</source>
        <translation>删除 %d 个步骤</translation>
    </message>
    <message>
        <source>Delete %d items</source>
        <translation>删除 %d 项</translation>
    </message>
    <message>
        <source>Cut %d items</source>
        <translation>剪切 %d 项</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Nothing to paste: the clipboard holds no journey steps</source>
        <translation>无可粘贴内容：剪贴板中没有旅程步骤</translation>
    </message>
    <message>
        <source>Paste %d items</source>
        <translation>粘贴 %d 项</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Duplicate %d items</source>
        <translation>复制 %d 项</translation>
    </message>
    <message>
        <source>Not changed: %s: %s</source>
        <translation>未修改：%s：%s</translation>
    </message>
    <message>
        <source>Drag onto a step to connect &apos;%s&apos;; release on empty canvas to add a step</source>
        <translation>拖到某个步骤上以连接“%s”；在画布空白处松开可添加步骤</translation>
    </message>
    <message>
        <source>Drop to add %s</source>
        <translation>松开以添加%s</translation>
    </message>
    <message>
        <source>Add a step: type to search…</source>
        <translation>添加步骤：输入以搜索…</translation>
    </message>
    <message>
        <source>Enter adds · Esc cancels</source>
        <translation>回车添加 · Esc 取消</translation>
    </message>
    <message>
        <source>Settings need attention</source>
        <translation>设置需要检查</translation>
    </message>
    <message>
        <source>Changes the dry-run behaviour (see the inspector)</source>
        <translation>修改了试运行行为（见检查器）</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>… and %d more</source>
        <translation>……另有 %d 个</translation>
    </message>
    <message>
        <source>Start your journey</source>
        <translation>开始你的旅程</translation>
    </message>
    <message>
        <source>Drag a trigger from the Steps panel, or press Tab (or double-click) to search</source>
        <translation>从“步骤”面板拖入一个触发器，或按 Tab（或双击）搜索</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>from the model</source>
        <translation>沿用模型</translation>
    </message>
    <message>
        <source>event, e.g. purchased</source>
        <translation>事件，例如 purchased</translation>
    </message>
    <message>
        <source>Percentage points added to the probability</source>
        <translation>概率增加的百分点</translation>
    </message>
    <message>
        <source>Remove this effect</source>
        <translation>删除此效果</translation>
    </message>
    <message>
        <source>Dry-run behaviour</source>
        <translation>试运行行为</translation>
    </message>
    <message>
        <source>How contacts behave after this step in a forecast; empty keeps the behaviour model&apos;s values.</source>
        <translation>预测中联系人经过此步骤后的行为；留空则沿用行为模型的数值。</translation>
    </message>
    <message>
        <source>Open rate</source>
        <translation>打开率</translation>
    </message>
    <message>
        <source>Click rate</source>
        <translation>点击率</translation>
    </message>
    <message>
        <source>Add an event effect</source>
        <translation>添加事件效果</translation>
    </message>
    <message>
        <source>Also set in the file: effects by port (%1)</source>
        <translation>文件中另有设置：按出口的效果（%1）</translation>
    </message>
</context>
<context>
    <name>Minimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>缩略图：单击或拖动以移动视图</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <source>Search steps</source>
        <translation>搜索步骤</translation>
    </message>
    <message>
        <source>No step matches “%1”.</source>
        <translation>没有与“%1”匹配的步骤。</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Double-click a problem to show it</source>
        <translation>双击问题可定位</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>旅程</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Show or hide these</source>
        <translation>显示或隐藏</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 个错误</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 个警告</translation>
    </message>
</context>
</TS>
