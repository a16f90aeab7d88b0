<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Home</name>
    <message>
        <source>Description</source>
        <extracomment>the widest the column of the home screen grows</extracomment>
        <translation>简介</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>PICK UP WHERE YOU LEFT OFF</source>
        <translation>从上次停下的地方继续</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue where you left off</source>
        <translation>从上次停下的地方继续</translation>
    </message>
    <message>
        <source>Welcome to Unspun</source>
        <translation>欢迎使用 Unspun</translation>
    </message>
    <message>
        <source>LESSON PACK</source>
        <translation>课程包</translation>
    </message>
    <message>
        <source>Continue “{lesson}”</source>
        <translation>继续“{lesson}”</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation>系统默认（%1）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Unspun will use this language the next time it starts.</source>
        <translation>Unspun 将在下次启动时使用此语言。</translation>
    </message>
</context>
<context>
    <name>LessonPlayer</name>
    <message>
        <source>Reading</source>
        <extracomment>the content column&apos;s width range: about 65-75 characters of 16 px body text</extracomment>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Reflect</source>
        <translation>反思</translation>
    </message>
    <message>
        <source>{kind}: {title}</source>
        <extracomment>how long after a step is painted the player does its idle work (build the next step, delete old views) layout passes a step switch runs before its first paint step dots drawn once per look (status, number, focus, size, pixel ratio, theme, font)</extracomment>
        <translation>{kind}：{title}</translation>
    </message>
</context>
<context>
    <name>LessonPlayerView</name>
    <message>
        <source>Show this module on the home screen</source>
        <extracomment>views of the lesson played before, hidden; deleted once the new lesson has been painted</extracomment>
        <translation>在首页显示此单元</translation>
    </message>
    <message>
        <source>Step content</source>
        <translation>步骤内容</translation>
    </message>
    <message>
        <source>‹  Back</source>
        <translation>‹  上一步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Previous step (Alt+Left)</source>
        <translation>上一步（Alt+Left）</translation>
    </message>
    <message>
        <source>Next  ›</source>
        <translation>下一步  ›</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Next step (Alt+Right)</source>
        <translation>下一步（Alt+Right）</translation>
    </message>
    <message>
        <source>Side panel</source>
        <translation>侧边栏</translation>
    </message>
    <message>
        <source>Step {number} of {total}</source>
        <translation>第 {number} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Next lesson  ›</source>
        <translation>下一课  ›</translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation>下一课</translation>
    </message>
    <message>
        <source>Go on to “{lesson}” (Alt+Right)</source>
        <translation>继续学习“{lesson}”（Alt+Right）</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Back to the overview (Alt+Right)</source>
        <translation>返回总览（Alt+Right）</translation>
    </message>
    <message>
        <source>This step kind cannot be shown yet ({kind}).</source>
        <translation>暂时无法显示这种步骤（{kind}）。</translation>
    </message>
    <message>
        <source>This step could not be shown: {error}</source>
        <translation>无法显示此步骤：{error}</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>No packs installed yet - File &gt; Open pack...</source>
        <extracomment>what an item stands for: (&quot;pack&quot;, pack_id), (&quot;module&quot;, pack_id, module_id) or (&quot;lesson&quot;, pack_id, module_id, lesson_id) a lesson&apos;s state in words under its title (&quot;Passed&quot;, &quot;Done · not passed (17%)&quot;), and its Mark colour name a module&apos;s bar colour: &quot;passed&quot; (every lesson passed), &quot;not passed&quot; (one done but not passed) or &quot;&quot;</extracomment>
        <translation>尚未安装课程包——请选择“文件 &gt; 打开课程包…”</translation>
    </message>
    <message>
        <source>Loading lessons…</source>
        <translation>正在加载课程…</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Done · not passed</source>
        <translation>已完成 · 未通过</translation>
    </message>
    <message>
        <source>Done · not passed ({percent})</source>
        <translation>已完成 · 未通过（{percent}）</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>All %n passed</source>
        <translation>全部 %n 课已通过</translation>
    </message>
    <message>
        <source>{done} of {total} done · {failed} not passed</source>
        <translation>已完成 {done}/{total} · {failed} 课未通过</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>已完成 {done}/{total}</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>LIBRARY</source>
        <translation>课程库</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>课程库</translation>
    </message>
    <message>
        <source>Pack: {title}</source>
        <translation>课程包：{title}</translation>
    </message>
    <message>
        <source>Continue: {target}</source>
        <translation>继续：{target}</translation>
    </message>
    <message>
        <source>Start learning</source>
        <translation>开始学习</translation>
    </message>
    <message>
        <source>Open the first lesson</source>
        <translation>打开第一课</translation>
    </message>
    <message>
        <source>{lesson} ({state})</source>
        <translation>{lesson}（{state}）</translation>
    </message>
    <message>
        <source>{lesson}, {state}</source>
        <translation>{lesson}，{state}</translation>
    </message>
    <message numerus="yes">
        <source>%n min · {progress}</source>
        <translation>
            <numerusform>%n 分钟 · {progress}</numerusform>
        </translation>
    </message>
    <message>
        <source>{module}: {progress}</source>
        <translation>{module}：{progress}</translation>
    </message>
    <message>
        <source>Module: {module}, {progress}</source>
        <translation>单元：{module}，{progress}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading lessons…</source>
        <translation>正在加载课程…</translation>
    </message>
    <message>
        <source>Library panel</source>
        <translation>课程库面板</translation>
    </message>
    <message>
        <source>Show or hide the library (Ctrl+L)</source>
        <translation>显示或隐藏课程库（Ctrl+L）</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Show the overview of your packs (Alt+Home)</source>
        <translation>显示你的课程包总览（Alt+Home）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open pack…</source>
        <translation>打开课程包(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Install pack…</source>
        <translation>安装课程包(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Remove installed pack…</source>
        <translation>移除已安装的课程包(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Show &amp;library panel</source>
        <translation>显示课程库面板(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Present lesson</source>
        <translation>演示课(&amp;P)</translation>
    </message>
    <message>
        <source>Show the lesson full screen for a class; nothing is recorded</source>
        <translation>为课堂全屏显示本课；不记录任何内容</translation>
    </message>
    <message>
        <source>&amp;Problems panel</source>
        <translation>问题面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>首页(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Check or &amp;submit</source>
        <translation>检查或提交(&amp;S)</translation>
    </message>
    <message>
        <source>Check the question you are on, or submit the quiz</source>
        <translation>检查当前题目，或提交测验</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Writing lesson packs</source>
        <translation>编写课程包(&amp;W)</translation>
    </message>
    <message>
        <source>How to write a pack of your own, step by step</source>
        <translation>一步一步编写你自己的课程包</translation>
    </message>
    <message>
        <source>Pack &amp;format reference</source>
        <translation>课程包格式参考(&amp;F)</translation>
    </message>
    <message>
        <source>Every file and field of a lesson pack</source>
        <translation>课程包的每个文件和字段</translation>
    </message>
    <message>
        <source>&amp;Teaching guide</source>
        <translation>教学指南(&amp;T)</translation>
    </message>
    <message>
        <source>How to run each module with a class: aims, timing, discussion, rubrics, the before-and-after check</source>
        <translation>如何在课堂上开展每个单元：目标、时间安排、讨论、评分标准、前后测对比</translation>
    </message>
    <message>
        <source>&amp;About Unspun</source>
        <translation>关于 Unspun(&amp;A)</translation>
    </message>
    <message>
        <source>{app} - {lesson}</source>
        <translation>{app} - {lesson}</translation>
    </message>
    <message>
        <source>Open pack</source>
        <translation>打开课程包</translation>
    </message>
    <message>
        <source>Lesson packs (pack.yaml *.zip);;All files (*)</source>
        <translation>课程包 (pack.yaml *.zip);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ {count}</source>
        <translation>⚠ {count}</translation>
    </message>
    <message>
        <source>Problems found in packs, for their authors: click to see them</source>
        <translation>在课程包中发现的问题（供作者参考）：点击查看</translation>
    </message>
    <message>
        <source>Moving around</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Review questions due</source>
        <translation>复习到期的题目</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Show or hide the library panel</source>
        <translation>显示或隐藏课程库面板</translation>
    </message>
    <message>
        <source>Next or previous control, in reading order</source>
        <translation>按阅读顺序移到下一个或上一个控件</translation>
    </message>
    <message>
        <source>Tab or Shift+Tab</source>
        <translation>Tab 或 Shift+Tab</translation>
    </message>
    <message>
        <source>Move along the step dots; Return opens one</source>
        <translation>在步骤圆点间移动；按回车键打开</translation>
    </message>
    <message>
        <source>Left, Right, Home, End</source>
        <translation>Left、Right、Home、End</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>答题</translation>
    </message>
    <message>
        <source>Check the question, or submit the quiz</source>
        <translation>检查题目，或提交测验</translation>
    </message>
    <message>
        <source>Press the focused button</source>
        <translation>按下获得焦点的按钮</translation>
    </message>
    <message>
        <source>Return or Space</source>
        <translation>回车键或空格键</translation>
    </message>
    <message>
        <source>Check a short answer</source>
        <translation>检查简答题</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>回车键</translation>
    </message>
    <message>
        <source>Choose an answer, move an item, change a rating</source>
        <translation>选择答案、移动条目、更改评分</translation>
    </message>
    <message>
        <source>Arrow keys, Space</source>
        <translation>方向键、空格键</translation>
    </message>
    <message>
        <source>Select words to mark</source>
        <translation>选择要标记的词语</translation>
    </message>
    <message>
        <source>Shift+arrow keys</source>
        <translation>Shift+方向键</translation>
    </message>
    <message>
        <source>Mark the selected words</source>
        <translation>标记所选词语</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Scroll down or up a screen</source>
        <translation>向下或向上滚动一屏</translation>
    </message>
    <message>
        <source>PgDown or PgUp, Space or Shift+Space</source>
        <translation>PgDown 或 PgUp，空格键或 Shift+空格键</translation>
    </message>
    <message>
        <source>Scroll a little</source>
        <translation>稍微滚动</translation>
    </message>
    <message>
        <source>Down or Up</source>
        <translation>Down 或 Up</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Presenting: show the next item or step</source>
        <translation>演示时：显示下一项或下一步</translation>
    </message>
    <message>
        <source>Space or Right</source>
        <translation>空格键或 Right</translation>
    </message>
    <message>
        <source>Presenting: go back one item</source>
        <translation>演示时：后退一项</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>Presenting: leave</source>
        <translation>演示时：退出</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>File and help</source>
        <translation>文件与帮助</translation>
    </message>
    <message>
        <source>&amp;Start learning</source>
        <translation>开始学习(&amp;S)</translation>
    </message>
    <message>
        <source>{lesson}, step {step} of {steps}</source>
        <translation>{lesson}，第 {step} 步，共 {steps} 步</translation>
    </message>
    <message>
        <source>{module} · step {step} of {steps}</source>
        <translation>{module} · 第 {step} 步，共 {steps} 步</translation>
    </message>
</context>
<context>
    <name>ModuleCardView</name>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n 课</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min · {lessons}</source>
        <translation>
            <numerusform>%n 分钟 · {lessons}</numerusform>
        </translation>
    </message>
    <message>
        <source>YOU WILL BE ABLE TO</source>
        <translation>学完后你将能够</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>{module}: {progress}</source>
        <translation>{module}：{progress}</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>再次打开</translation>
    </message>
    <message>
        <source>Open again: {module}</source>
        <translation>再次打开：{module}</translation>
    </message>
    <message>
        <source>Open “{lesson}” again</source>
        <translation>再次打开“{lesson}”</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue: {module}</source>
        <translation>继续：{module}</translation>
    </message>
    <message>
        <source>Continue “{lesson}”</source>
        <translation>继续“{lesson}”</translation>
    </message>
    <message>
        <source>Start: {module}</source>
        <translation>开始：{module}</translation>
    </message>
    <message>
        <source>Start “{lesson}”</source>
        <translation>开始“{lesson}”</translation>
    </message>
</context>
<context>
    <name>StepDotButton</name>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>not opened yet</source>
        <translation>尚未打开</translation>
    </message>
    <message>
        <source>Step {number} of {total}, {status}</source>
        <translation>第 {number} 步，共 {total} 步，{status}</translation>
    </message>
    <message>
        <source>Step {number} of {total}: {title} ({status})</source>
        <translation>第 {number} 步，共 {total} 步：{title}（{status}）</translation>
    </message>
</context>
<context>
    <name>StepIndicatorView</name>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
</context>
</TS>
