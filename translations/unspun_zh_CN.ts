<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotationNotes</name>
    <message>
        <source>Note</source>
        <extracomment>a note's text, at zoom 1: the side panel's size, as the glossary beside other steps</extracomment>
        <translation>批注</translation>
    </message>
    <message>
        <source>Note {number}: {label}</source>
        <translation>批注 {number}：{label}</translation>
    </message>
    <message>
        <source>Note {number}</source>
        <translation>批注 {number}</translation>
    </message>
    <message>
        <source>✓ Found</source>
        <translation>✓ 已找到</translation>
    </message>
    <message>
        <source>✗ Missed</source>
        <translation>✗ 漏掉</translation>
    </message>
    <message>
        <source>You found this</source>
        <translation>你找到了这一处</translation>
    </message>
    <message>
        <source>You did not find this</source>
        <translation>你没有找到这一处</translation>
    </message>
    <message>
        <source>Note {number}: {label}, found</source>
        <translation>批注 {number}：{label}，已找到</translation>
    </message>
    <message>
        <source>Note {number}: {label}, missed</source>
        <translation>批注 {number}：{label}，漏掉</translation>
    </message>
    <message>
        <source>Notes</source>
        <extracomment>the learner picked note i</extracomment>
        <translation>批注</translation>
    </message>
    <message>
        <source>The notes appear here once you reveal the annotations.</source>
        <translation>显示批注后，批注内容会出现在这里。</translation>
    </message>
</context>
<context>
    <name>ArtefactView</name>
    <message>
        <source>Annotation {number}: {technique}</source>
        <extracomment>annotations without a technique: a neutral grey that reads on both schemes avatar backgrounds: calm, desaturated, and never one of the technique colours widths below which a translation goes under the text rather than beside it the annotation's ``key`` words inside ``span``: a task mark over them finds it what the technique is, in plain words (its pack description), for the label's tooltip a headline: the lines after the first are its standfirst, in a smaller, regular face</extracomment>
        <translation>批注 {number}：{technique}</translation>
    </message>
    <message>
        <source>Annotation {number}</source>
        <translation>批注 {number}</translation>
    </message>
    <message>
        <source>Image: {description}</source>
        <extracomment>why the image is not shown (empty when it is)</extracomment>
        <translation>图片：{description}</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Image not shown: {reason}</source>
        <translation>未显示图片：{reason}</translation>
    </message>
    <message>
        <source>Description: {description}</source>
        <translation>描述：{description}</translation>
    </message>
    <message>
        <source>Marker {number}</source>
        <translation>标记点 {number}</translation>
    </message>
    <message>
        <source>Avatar of {name}</source>
        <translation>{name} 的头像</translation>
    </message>
    <message>
        <source>Avatar</source>
        <translation>头像</translation>
    </message>
    <message>
        <source>Illustrative example</source>
        <translation>示意示例</translation>
    </message>
    <message>
        <source>Constructed for teaching. Not a real post, headline or message.</source>
        <translation>为教学而构造。并非真实的帖子、标题或消息。</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>Annotations shown</source>
        <extracomment>the learner picked annotation i (a click on its highlight or region, or Enter on it) the learner added or removed a mark the annotations were revealed after a task</extracomment>
        <translation>批注已显示</translation>
    </message>
    <message>
        <source>You marked nothing this time.</source>
        <translation>你这次没有做任何标记。</translation>
    </message>
    <message>
        <source>You found {found} of {total}</source>
        <translation>你找到了 {total} 处中的 {found} 处</translation>
    </message>
    <message>
        <source>Post text</source>
        <translation>帖子正文</translation>
    </message>
    <message>
        <source>Headline text</source>
        <translation>标题正文</translation>
    </message>
    <message>
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>消息正文</translation>
    </message>
    <message>
        <source>Unknown account</source>
        <translation>未知账号</translation>
    </message>
    <message>
        <source>{count} reposts</source>
        <translation>{count} 次转发</translation>
    </message>
    <message>
        <source>{count} repost</source>
        <translation>{count} 次转发</translation>
    </message>
    <message>
        <source>{count} comments</source>
        <translation>{count} 条评论</translation>
    </message>
    <message>
        <source>{count} comment</source>
        <translation>{count} 条评论</translation>
    </message>
    <message>
        <source>{count} likes</source>
        <translation>{count} 个赞</translation>
    </message>
    <message>
        <source>{count} like</source>
        <translation>{count} 个赞</translation>
    </message>
    <message>
        <source>Reposts</source>
        <translation>转发</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <source>Unknown outlet</source>
        <translation>未知媒体</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>↪ Forwarded</source>
        <translation>↪ 转发的消息</translation>
    </message>
    <message>
        <source>Mark selection</source>
        <translation>标记所选内容</translation>
    </message>
    <message>
        <source>Mark the selected words as suspect (Ctrl+M)</source>
        <translation>将所选词语标记为可疑（Ctrl+M）</translation>
    </message>
    <message>
        <source>Remove mark</source>
        <translation>移除标记</translation>
    </message>
    <message>
        <source>Remove the mark at the cursor or selection</source>
        <translation>移除光标处或所选内容的标记</translation>
    </message>
    <message>
        <source>Reveal annotations</source>
        <translation>显示批注</translation>
    </message>
    <message>
        <source>{count} marked</source>
        <translation>已标记 {count} 处</translation>
    </message>
    <message>
        <source>Select words, then mark them.</source>
        <translation>选择词语，然后标记。</translation>
    </message>
</context>
<context>
    <name>BeforeAfterPanel</name>
    <message>
        <source>SCORE</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Score before and after</source>
        <translation>前后得分</translation>
    </message>
    <message>
        <source>TELLING RELIABLE FROM UNRELIABLE (DISCERNMENT)</source>
        <translation>区分可靠与不可靠（辨别力）</translation>
    </message>
    <message>
        <source>Discernment before and after</source>
        <translation>前后辨别力</translation>
    </message>
    <message>
        <source>TRUST IN EVERYTHING YOU RATE</source>
        <translation>对所评内容的总体信任度</translation>
    </message>
    <message>
        <source>Trust before and after</source>
        <translation>前后信任度</translation>
    </message>
</context>
<context>
    <name>CategorizeQuestionView</name>
    <message>
        <source>Choose a category…</source>
        <translation>选择类别…</translation>
    </message>
    <message>
        <source>Belongs in: {category}</source>
        <translation>应归入：{category}</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
</context>
<context>
    <name>ClassroomMenu</name>
    <message>
        <source>&amp;Class report…</source>
        <extracomment>The LRS sender is set up this long after the main window is built, off the startup path.</extracomment>
        <translation>班级报告(&amp;C)…</translation>
    </message>
    <message>
        <source>Open many learners' results files and see what the class found hard</source>
        <translation>打开多名学习者的成绩文件，查看全班觉得难的地方</translation>
    </message>
    <message>
        <source>Send results to an &amp;LRS…</source>
        <translation>将成绩发送到 LRS(&amp;L)…</translation>
    </message>
    <message>
        <source>Send results to a Learning Record Store</source>
        <translation>将成绩发送到学习记录存储（LRS）</translation>
    </message>
    <message>
        <source>&amp;Join a class…</source>
        <translation>加入班级(&amp;J)…</translation>
    </message>
    <message>
        <source>Open the class file your teacher handed out and set this profile up for the class</source>
        <translation>打开老师发放的班级文件，并为该班级设置此个人档案</translation>
    </message>
</context>
<context>
    <name>CompareStepView</name>
    <message>
        <source>Compare</source>
        <extracomment>the narrowest an artefact column may be before the grid drops to fewer columns</extracomment>
        <translation>对比</translation>
    </message>
    <message>
        <source>Question</source>
        <extracomment>one numbering for the step's citations: question, notes, Sources lines and takeaway agree</extracomment>
        <translation>题目</translation>
    </message>
    <message>
        <source>Show takeaway</source>
        <translation>显示要点</translation>
    </message>
    <message>
        <source>Takeaway</source>
        <translation>要点</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Telling apart (discernment) is how much higher you rate reliable posts than unreliable ones, from −5 to +5. Trust is how much you believe what you rate overall, reliable or not, from −2.5 (you doubt everything) to +2.5 (you believe everything). Doubting everything lowers your trust but does not help you tell posts apart.</source>
        <extracomment>the widest the dashboard's column grows with one column of cards, and with two the cards go side by side from this width of the page on the four figures share one row from this width of the page on, else two rows of two a technique answered right first time less often than this is one the learner "keeps missing" name at most this many weak techniques in the sentence above the chart What the two rating figures mean, under the card's charts (written for a reader of 15).</extracomment>
        <translation>区分能力（辨别力）是指你给可靠帖子的评分比不可靠帖子高出多少，范围从 −5 到 +5。信任度是指你对所评内容（无论是否可靠）总体上相信的程度，范围从 −2.5（什么都怀疑）到 +2.5（什么都相信）。什么都怀疑会降低你的信任度，但并不能帮助你区分帖子。</translation>
    </message>
    <message>
        <source>Answer quiz questions tagged with a technique to see which ones you spot and which you miss.</source>
        <translation>回答标有手法的测验题，就能看到哪些手法你能识别、哪些你会漏掉。</translation>
    </message>
    <message>
        <source>No technique stands out as a weak spot: you got at least {percent} of each right first time.</source>
        <translation>没有哪种手法是明显的薄弱环节：每种手法你第一次就答对了至少 {percent}。</translation>
    </message>
    <message>
        <source>{technique} ({percent} right first time)</source>
        <translation>{technique}（首次答对 {percent}）</translation>
    </message>
    <message>
        <source>The technique you keep missing: {technique}. Questions you missed come back in Review.</source>
        <translation>你常常漏掉的手法：{technique}。答错的题目会在复习中再次出现。</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和{last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The techniques you keep missing: {techniques}, and {more} more below. Questions you missed come back in Review.</source>
        <translation>你常常漏掉的手法：{techniques}，以及下方另外 {more} 种。答错的题目会在复习中再次出现。</translation>
    </message>
    <message>
        <source>The techniques you keep missing: {techniques}. Questions you missed come back in Review.</source>
        <translation>你常常漏掉的手法：{techniques}。答错的题目会在复习中再次出现。</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>DASHBOARD</source>
        <extracomment>the moment reviews are counted at (None: now); the window shares its clock with the top bar</extracomment>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>{name}’s progress</source>
        <translation>{name} 的学习进度</translation>
    </message>
    <message>
        <source>Your progress</source>
        <translation>你的学习进度</translation>
    </message>
    <message>
        <source>Your progress could not be read. {error}</source>
        <translation>无法读取你的学习进度。{error}</translation>
    </message>
    <message>
        <source>Nothing recorded yet. Open a lesson from the library: your progress, quiz scores and the techniques you spot will show here.</source>
        <translation>尚无记录。请从课程库中打开一课：你的进度、测验得分和你识别出的手法都会显示在这里。</translation>
    </message>
    <message>
        <source>See the lessons</source>
        <translation>查看课程</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>{module} · step {step} of {steps}</source>
        <translation>{module} · 第 {step} 步，共 {steps} 步</translation>
    </message>
    <message>
        <source>Continue where you left off</source>
        <translation>从上次停下的地方继续</translation>
    </message>
    <message>
        <source>Continue “{lesson}” (Ctrl+Return)</source>
        <translation>继续“{lesson}”（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Pick a lesson to begin</source>
        <translation>选择一课开始</translation>
    </message>
    <message>
        <source>Your last lesson is in a pack that is not open.</source>
        <translation>你上次学习的课所在的课程包未打开。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start where you left off</source>
        <translation>从上次停下的地方开始</translation>
    </message>
    <message>
        <source>Start “{lesson}” (Ctrl+Return)</source>
        <translation>开始“{lesson}”（Ctrl+Return）</translation>
    </message>
    <message>
        <source>CONTINUE WHERE YOU LEFT OFF</source>
        <translation>从上次停下的地方继续</translation>
    </message>
    <message>
        <source>studied</source>
        <translation>学习时间</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done}/{total}</translation>
    </message>
    <message>
        <source>lessons done</source>
        <translation>已完成的课</translation>
    </message>
    <message>
        <source>quiz attempt</source>
        <translation>次测验</translation>
    </message>
    <message>
        <source>quiz attempts</source>
        <translation>次测验</translation>
    </message>
    <message>
        <source>due for review</source>
        <translation>道题待复习</translation>
    </message>
    <message>
        <source>due for review today</source>
        <translation>今天没有待复习的题</translation>
    </message>
    <message>
        <source>Review {count} now</source>
        <translation>立即复习 {count} 道题</translation>
    </message>
    <message numerus="yes">
        <source>Review %n question(s) now</source>
        <translation>
            <numerusform>立即复习 %n 道题</numerusform>
        </translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>前后对比</translation>
    </message>
    <message>
        <source>You have not taken the first check yet. It is in “{lesson}”: take it before the lessons, and the final check after them, to see how your reading has changed.</source>
        <translation>你还没有做第一次检测。它在“{lesson}”中：在学习各课之前做第一次检测，学完之后再做最后一次检测，就能看到你的阅读方式有何变化。</translation>
    </message>
    <message>
        <source>Quiz scores over time</source>
        <translation>测验得分变化</translation>
    </message>
    <message>
        <source>Every quiz you submitted, oldest on the left</source>
        <translation>你提交的每次测验，最早的在左边</translation>
    </message>
    <message>
        <source>Accuracy per technique</source>
        <translation>各手法的正确率</translation>
    </message>
    <message>
        <source>Questions on each technique answered right the first time</source>
        <translation>每种手法的题目中第一次就答对的比例</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n 次作答</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n lesson(s)</source>
        <translation>
            <numerusform>{done}/%n 课</numerusform>
        </translation>
    </message>
    <message>
        <source>Completion per module</source>
        <translation>各单元完成情况</translation>
    </message>
    <message>
        <source>No lessons loaded</source>
        <translation>未加载任何课</translation>
    </message>
</context>
<context>
    <name>ExampleStepView</name>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
</context>
<context>
    <name>FeedbackBadgeView</name>
    <message>
        <source>Correct</source>
        <extracomment>the icon and the word of each feedback mark</extracomment>
        <translation>正确</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>漏掉</translation>
    </message>
</context>
<context>
    <name>GlossaryPanel</name>
    <message>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <source>Glossary: {term}</source>
        <translation>术语表：{term}</translation>
    </message>
</context>
<context>
    <name>HandoutActions</name>
    <message>
        <source>Export &amp;worksheet…</source>
        <translation>导出练习单(&amp;W)…</translation>
    </message>
    <message>
        <source>Print the pack as a worksheet (PDF or HTML), with space to answer</source>
        <translation>将课程包打印为练习单（PDF 或 HTML），留有作答空间</translation>
    </message>
    <message>
        <source>Export answer &amp;key…</source>
        <translation>导出答案(&amp;K)…</translation>
    </message>
    <message>
        <source>Print the answers and explanations that go with the worksheet</source>
        <translation>打印与练习单配套的答案和解析</translation>
    </message>
</context>
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
        <source>LESSON PACK · {language}</source>
        <translation>课程包 · {language}</translation>
    </message>
    <message>
        <source>Continue “{lesson}”</source>
        <translation>继续“{lesson}”</translation>
    </message>
</context>
<context>
    <name>JudgeQuestion</name>
    <message>
        <source>not at all reliable</source>
        <translation>完全不可靠</translation>
    </message>
    <message>
        <source>very reliable</source>
        <translation>非常可靠</translation>
    </message>
    <message>
        <source>Rating {rating} of {highest}</source>
        <translation>评分 {rating}（最高 {highest}）</translation>
    </message>
    <message>
        <source>{rating}: {meaning}</source>
        <translation>{rating}：{meaning}</translation>
    </message>
    <message>
        <source>1 = {meaning}</source>
        <translation>1 = {meaning}</translation>
    </message>
    <message>
        <source>6 = {meaning}</source>
        <translation>6 = {meaning}</translation>
    </message>
</context>
<context>
    <name>JudgeQuestionView</name>
    <message>
        <source>Your rating</source>
        <translation>你的评分</translation>
    </message>
    <message>
        <source>You did not rate it. This item is reliable, so a rating from {low} to {high} is right.</source>
        <translation>你没有评分。此条内容可靠，所以 {low} 到 {high} 的评分才是对的。</translation>
    </message>
    <message>
        <source>You rated it {rating}, on the reliable side. This item is reliable, so a rating from {low} to {high} is right.</source>
        <translation>你的评分是 {rating}，在可靠一侧。此条内容可靠，所以 {low} 到 {high} 的评分才是对的。</translation>
    </message>
    <message>
        <source>You rated it {rating}, on the unreliable side. This item is reliable, so a rating from {low} to {high} is right.</source>
        <translation>你的评分是 {rating}，在不可靠一侧。此条内容可靠，所以 {low} 到 {high} 的评分才是对的。</translation>
    </message>
    <message>
        <source>You did not rate it. This item is not reliable, so a rating from {low} to {high} is right.</source>
        <translation>你没有评分。此条内容不可靠，所以 {low} 到 {high} 的评分才是对的。</translation>
    </message>
    <message>
        <source>You rated it {rating}, on the reliable side. This item is not reliable, so a rating from {low} to {high} is right.</source>
        <translation>你的评分是 {rating}，在可靠一侧。此条内容不可靠，所以 {low} 到 {high} 的评分才是对的。</translation>
    </message>
    <message>
        <source>You rated it {rating}, on the unreliable side. This item is not reliable, so a rating from {low} to {high} is right.</source>
        <translation>你的评分是 {rating}，在不可靠一侧。此条内容不可靠，所以 {low} 到 {high} 的评分才是对的。</translation>
    </message>
</context>
<context>
    <name>Judgement</name>
    <message>
        <source>In this check you rated the reliable posts higher than the unreliable ones.</source>
        <extracomment>A change in score smaller than this (5 percentage points) reads as "about the same". A change in discernment smaller than this reads as "about the same" (a tenth of its range). A change in trust smaller than this reads as "about the same": half a step on the 1-6 scale (a tenth of trust's range, as for discernment). Trust beyond this, either way, reads as leaning clearly towards believing or doubting.</extracomment>
        <translation>在这次检测中，你给可靠帖子的评分高于不可靠帖子。</translation>
    </message>
    <message>
        <source>In this check you rated the unreliable posts higher than the reliable ones.</source>
        <translation>在这次检测中，你给不可靠帖子的评分高于可靠帖子。</translation>
    </message>
    <message>
        <source>In this check you rated reliable and unreliable posts about the same.</source>
        <translation>在这次检测中，你给可靠和不可靠帖子的评分差不多。</translation>
    </message>
    <message>
        <source>Overall you doubted most of what you rated, even reliable posts.</source>
        <translation>总体而言，你怀疑所评的大部分内容，连可靠的帖子也不例外。</translation>
    </message>
    <message>
        <source>Overall you believed most of what you rated, even unreliable posts.</source>
        <translation>总体而言，你相信所评的大部分内容，连不可靠的帖子也不例外。</translation>
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
        <extracomment>the content column's width range: about 65-75 characters of 16 px body text</extracomment>
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
        <extracomment>what an item stands for: ("pack", pack_id), ("module", pack_id, module_id) or ("lesson", pack_id, module_id, lesson_id) a lesson's state in words under its title ("Passed", "Done · not passed (17%)"), and its Mark colour name a module's bar colour: "passed" (every lesson passed), "not passed" (one done but not passed) or ""</extracomment>
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
        <source>All {count} passed</source>
        <translation>全部 {count} 课已通过</translation>
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
        <source>{title} (in {language})</source>
        <translation>{title}（{language}）</translation>
    </message>
    <message>
        <source>Pack: {title}, in {language}</source>
        <translation>课程包：{title}，{language}</translation>
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
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>Marks</name>
    <message>
        <source>A mark finds a passage when it covers at least half of the passage, or its key words.</source>
        <extracomment>characters that join two letters into one word ("don't", "state-run") a task mark may run this many times the target's length (plus MARK_SLACK_CHARS) and still find it how a spot question decides that a target was found, as the learner reads it</extracomment>
        <translation>标记覆盖某段文字的至少一半或其关键词时，即算找到了这段文字。</translation>
    </message>
    <message>
        <source>A mark finds an annotation when it covers at least half of the annotated words (or their key words) and is no longer than {factor} times their length plus {slack} characters.</source>
        <extracomment>the rule of an example's find-it-first task, as the learner reads it (translated where shown, then filled with ``.format(factor=MARK_LENGTH_FACTOR, slack=MARK_SLACK_CHARS)``)</extracomment>
        <translation>标记覆盖批注文字的至少一半（或其关键词），且长度不超过批注文字长度的 {factor} 倍再加 {slack} 个字符时，即算找到了这条批注。</translation>
    </message>
</context>
<context>
    <name>MasteryWiring</name>
    <message>
        <source>Dashboard</source>
        <extracomment>how often the top bar recounts the reviews due: items fall due as time passes, with no event When review schedules are read and written; None means now (tests move it forward).</extracomment>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Your progress: scores, techniques, time and before-and-after (Ctrl+D)</source>
        <translation>你的学习进度：得分、手法、时间和前后对比（Ctrl+D）</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>复习</translation>
    </message>
    <message>
        <source>Practise the questions due again (Ctrl+R)</source>
        <translation>再次练习到期的题目（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>导出成绩(&amp;E)…</translation>
    </message>
    <message>
        <source>Save your results for a teacher, as xAPI statements or a spreadsheet</source>
        <translation>将成绩保存给老师，格式为 xAPI 语句或电子表格</translation>
    </message>
    <message>
        <source>Import &amp;results…</source>
        <translation>导入成绩(&amp;R)…</translation>
    </message>
    <message>
        <source>Merge results exported from Unspun, on this computer or another</source>
        <translation>合并从 Unspun 导出的成绩（来自本机或其他电脑）</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>复习(&amp;R)</translation>
    </message>
    <message>
        <source>Back to the dashboard</source>
        <translation>返回仪表板</translation>
    </message>
    <message>
        <source>Back to the lessons</source>
        <translation>返回课程</translation>
    </message>
    <message>
        <source>Review ({count})</source>
        <translation>复习（{count}）</translation>
    </message>
    <message>
        <source>Review, 1 question due</source>
        <translation>复习，1 道题到期</translation>
    </message>
    <message>
        <source>Review, {count} questions due</source>
        <translation>复习，{count} 道题到期</translation>
    </message>
    <message>
        <source>Review, nothing due</source>
        <translation>复习，没有到期的题</translation>
    </message>
    <message>
        <source>&amp;Review ({count})</source>
        <translation>复习(&amp;R)（{count}）</translation>
    </message>
</context>
<context>
    <name>MatchQuestionView</name>
    <message>
        <source>Choose a match…</source>
        <translation>选择配对项…</translation>
    </message>
    <message>
        <source>Right match: {answer}</source>
        <translation>正确配对：{answer}</translation>
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
    <name>OrderQuestion</name>
    <message>
        <source>The pair is in the right order. Each pair of items in the right order earns its share of the points.</source>
        <extracomment>item data: the item's written index, and its feedback as (Mark, word) half the gap between two tiles, above and below each</extracomment>
        <translation>这一对的顺序正确。每一对顺序正确的条目都能得到相应的分数。</translation>
    </message>
    <message>
        <source>The pair is in the wrong order. Each pair of items in the right order earns its share of the points.</source>
        <translation>这一对的顺序错误。每一对顺序正确的条目都能得到相应的分数。</translation>
    </message>
    <message>
        <source>{right} of {total} pairs are in the right order. Each pair of items in the right order earns its share of the points.</source>
        <translation>{total} 对中有 {right} 对顺序正确。每一对顺序正确的条目都能得到相应的分数。</translation>
    </message>
</context>
<context>
    <name>OrderQuestionView</name>
    <message>
        <source>Items to put in order</source>
        <translation>需要排序的条目</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected item up (Alt+Up)</source>
        <translation>上移所选条目（Alt+Up）</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected item down (Alt+Down)</source>
        <translation>下移所选条目（Alt+Down）</translation>
    </message>
    <message>
        <source>Drag items, or select one and press Alt+Up or Alt+Down.</source>
        <translation>拖动条目，或选中一个后按 Alt+Up 或 Alt+Down。</translation>
    </message>
    <message>
        <source>Correct</source>
        <extracomment>the learner has moved an item (or an answer was restored): the shuffled order shown first is not an answer, so that leaving the question alone cannot earn pairs by chance</extracomment>
        <translation>正确</translation>
    </message>
    <message>
        <source>Wrong: belongs at {position}</source>
        <translation>错误：应在第 {position} 位</translation>
    </message>
</context>
<context>
    <name>PairingRowView</name>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>✓ Correct</source>
        <translation>✓ 正确</translation>
    </message>
</context>
<context>
    <name>ProfileMenuButton</name>
    <message>
        <source>No profile</source>
        <extracomment>switch to this profile (after picking, creating, or deleting the current one) a profile was created, renamed or deleted (names elsewhere may need redrawing)</extracomment>
        <translation>无个人档案</translation>
    </message>
    <message>
        <source>{name}  ▾</source>
        <translation>{name}  ▾</translation>
    </message>
    <message>
        <source>Profile: {name}</source>
        <translation>个人档案：{name}</translation>
    </message>
    <message>
        <source>Learning as {name}: switch, add, rename or delete profiles</source>
        <translation>当前学习者：{name}；可切换、添加、重命名或删除个人档案</translation>
    </message>
    <message>
        <source>Learning as</source>
        <translation>当前学习者</translation>
    </message>
    <message>
        <source>Switch to {name}</source>
        <translation>切换到 {name}</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>新建个人档案…</translation>
    </message>
    <message>
        <source>Rename “{name}”…</source>
        <translation>重命名“{name}”…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>School identity…</source>
        <translation>学校身份…</translation>
    </message>
    <message>
        <source>Say who you are at school, so your results reach your school account</source>
        <translation>填写你在学校的身份，让成绩能送达你的学校账号</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除个人档案</translation>
    </message>
    <message>
        <source>{name}…</source>
        <translation>{name}…</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>个人档案需要一个名字。</translation>
    </message>
    <message>
        <source>A profile name can be at most {count} characters long.</source>
        <translation>个人档案名称最多 {count} 个字符。</translation>
    </message>
    <message>
        <source>There is already a profile called {name}.</source>
        <translation>已有名为 {name} 的个人档案。</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新建个人档案</translation>
    </message>
    <message>
        <source>Name of the new learner:</source>
        <translation>新学习者的名字：</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>重命名个人档案</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名字：</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>删除 {name}？</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>Delete profile</source>
        <translation>删除个人档案</translation>
    </message>
    <message>
        <source>Profile not changed</source>
        <translation>个人档案未更改</translation>
    </message>
    <message>
        <source>1 quiz attempt</source>
        <translation>1 次测验作答</translation>
    </message>
    <message>
        <source>{count} quiz attempts</source>
        <translation>{count} 次测验作答</translation>
    </message>
    <message>
        <source>1 checked answer</source>
        <translation>1 个已检查的答案</translation>
    </message>
    <message>
        <source>{count} checked answers</source>
        <translation>{count} 个已检查的答案</translation>
    </message>
    <message>
        <source>1 reflection</source>
        <translation>1 篇反思</translation>
    </message>
    <message>
        <source>{count} reflections</source>
        <translation>{count} 篇反思</translation>
    </message>
    <message>
        <source>1 lesson opened</source>
        <translation>打开过 1 课</translation>
    </message>
    <message>
        <source>{count} lessons opened</source>
        <translation>打开过 {count} 课</translation>
    </message>
    <message>
        <source>1 question in review</source>
        <translation>复习中的 1 道题</translation>
    </message>
    <message>
        <source>{count} questions in review</source>
        <translation>复习中的 {count} 道题</translation>
    </message>
    <message>
        <source>{duration} of study time</source>
        <translation>{duration} 的学习时间</translation>
    </message>
    <message>
        <source>This deletes everything recorded for {name} on this computer:</source>
        <translation>这将删除本机上为 {name} 记录的所有内容：</translation>
    </message>
    <message>
        <source>{name} has no progress recorded yet.</source>
        <translation>{name} 还没有任何学习记录。</translation>
    </message>
    <message>
        <source>It cannot be undone. To keep a copy for a teacher, choose File › Export results… first.</source>
        <translation>此操作无法撤销。如需为老师保留一份副本，请先选择“文件 › 导出成绩…”。</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>{earned} of {possible} point</source>
        <translation>{earned}/{possible} 分</translation>
    </message>
    <message>
        <source>{earned} of {possible} points</source>
        <translation>{earned}/{possible} 分</translation>
    </message>
    <message>
        <source>{possible} point</source>
        <translation>{possible} 分</translation>
    </message>
    <message>
        <source>{possible} points</source>
        <translation>{possible} 分</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>未作答</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Partly right</source>
        <translation>部分正确</translation>
    </message>
    <message>
        <source>Not right</source>
        <translation>不正确</translation>
    </message>
</context>
<context>
    <name>QuestionCardView</name>
    <message>
        <source>Question</source>
        <extracomment>the response changed (answered or not) the learner checked the question; carries the QuestionResult anything the learner did on the card changed (an answer, a check, Try again, the hint): keep it the answering area built new controls: the Tab chain must take them in the result of the first check in this attempt: what a quiz's score counts the learner opened the hint (it costs nothing, but the result says so)</extracomment>
        <translation>题目</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Show a hint</source>
        <translation>显示提示</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再试一次</translation>
    </message>
    <message>
        <source>Hint used</source>
        <translation>已用提示</translation>
    </message>
    <message>
        <source>You opened the hint before answering. It costs no points.</source>
        <translation>你在作答前打开了提示。这不会扣分。</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>解析</translation>
    </message>
    <message>
        <source>Try again is practice: a quiz counts the answer you checked first.</source>
        <translation>“再试一次”仅供练习：测验按你第一次检查的答案计分。</translation>
    </message>
    <message>
        <source>Practice try. Your first check counts: {points}.</source>
        <translation>练习作答。计分以你第一次检查为准：{points}。</translation>
    </message>
</context>
<context>
    <name>Quiz</name>
    <message>
        <source>**A before-and-after check.** Answer with what you know now: nobody is expected to know these yet. Your first attempt is kept as your starting point, to compare with the final check at the end. There is no pass mark: taking it is enough for this lesson.</source>
        <translation>**前后对比检测。** 请根据你现在的认识作答：没有人需要事先知道这些。你的第一次作答会作为起点保存下来，与最后的检测进行对比。本检测没有及格线：做完即可完成本课。</translation>
    </message>
    <message>
        <source>**The after-check.** The score of your first attempt is compared with the check you took at the start, to show how your reading has changed. As for any quiz, its pass mark of {pass_mark} counts towards passing this lesson.</source>
        <translation>**后测。** 你第一次作答的得分会与开始时的检测进行对比，以显示你的阅读方式有何变化。与其他测验一样，达到 {pass_mark} 的及格线才算通过本课。</translation>
    </message>
    <message>
        <source>Check each answer as you go, then submit the quiz.</source>
        <extracomment>an answer is kept this long after the last change (a word typed), and at once when the step is left</extracomment>
        <translation>边做边检查每个答案，然后提交测验。</translation>
    </message>
    <message>
        <source>You'll see how you did once you submit the whole quiz.</source>
        <translation>提交整份测验后，你就能看到自己的成绩。</translation>
    </message>
    <message>
        <source>Before-and-after check</source>
        <translation>前后对比检测</translation>
    </message>
    <message>
        <source>Check your understanding</source>
        <translation>检验你的理解</translation>
    </message>
    <message>
        <source>1 question is not answered. Submit anyway?</source>
        <translation>有 1 道题未作答。仍要提交吗？</translation>
    </message>
    <message>
        <source>{count} questions are not answered. Submit anyway?</source>
        <translation>有 {count} 道题未作答。仍要提交吗？</translation>
    </message>
    <message>
        <source>Submit quiz</source>
        <translation>提交测验</translation>
    </message>
    <message>
        <source>A question left blank scores 0 points.</source>
        <translation>未作答的题目得 0 分。</translation>
    </message>
    <message>
        <source>Submit anyway</source>
        <translation>仍然提交</translation>
    </message>
    <message>
        <source>Keep answering</source>
        <translation>继续作答</translation>
    </message>
</context>
<context>
    <name>QuizStepView</name>
    <message numerus="yes">
        <source>Practice · %n question(s) · No pass mark</source>
        <translation>
            <numerusform>练习 · %n 道题 · 无及格线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Test · %n question(s) · No pass mark</source>
        <translation>
            <numerusform>测试 · %n 道题 · 无及格线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Practice · %n question(s) · Pass: {percent}</source>
        <translation>
            <numerusform>练习 · %n 道题 · 及格线：{percent}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Test · %n question(s) · Pass: {percent}</source>
        <translation>
            <numerusform>测试 · %n 道题 · 及格线：{percent}</numerusform>
        </translation>
    </message>
    <message>
        <source>About this check</source>
        <translation>关于本检测</translation>
    </message>
    <message>
        <source>Submit quiz</source>
        <translation>提交测验</translation>
    </message>
    <message>
        <source>Record this attempt and see your score</source>
        <translation>记录本次作答并查看得分</translation>
    </message>
    <message>
        <source>Question {number} of {total}</source>
        <extracomment>restoring a kept attempt sets answers; those are not new changes to keep</extracomment>
        <translation>第 {number} 题，共 {total} 题</translation>
    </message>
    <message numerus="yes">
        <source>Your starting point: {points} ({percent}) · %n attempt(s)</source>
        <translation>
            <numerusform>你的起点：{points}（{percent}）· 作答 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Best so far: {points} ({percent}), passed · %n attempt(s)</source>
        <translation>
            <numerusform>目前最好成绩：{points}（{percent}），已通过 · 作答 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Best so far: {points} ({percent}), not yet passed · %n attempt(s)</source>
        <translation>
            <numerusform>目前最好成绩：{points}（{percent}），尚未通过 · 作答 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Every question is answered.</source>
        <translation>所有题目都已作答。</translation>
    </message>
    <message>
        <source>1 question is not answered yet; it would score 0.</source>
        <translation>还有 1 道题未作答，提交后将得 0 分。</translation>
    </message>
    <message numerus="yes">
        <source>%n questions are not answered yet; they would score 0.</source>
        <translation>
            <numerusform>还有 %n 道题未作答，提交后将得 0 分。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuizSummaryPanel</name>
    <message>
        <source>Go through your answers</source>
        <translation>逐题查看你的答案</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Start a new attempt with the questions shuffled again</source>
        <translation>重新打乱题目顺序，开始新的作答</translation>
    </message>
    <message>
        <source>You scored {points} ({percent})</source>
        <translation>你的得分：{points}（{percent}）</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>This check has no pass mark: taking it is enough for this lesson. Your first attempt is kept as your starting point, to compare with the final check.</source>
        <translation>本检测没有及格线：做完即可完成本课。你的第一次作答会作为起点保存下来，与最后的检测进行对比。</translation>
    </message>
    <message>
        <source>Take it again</source>
        <translation>再做一次</translation>
    </message>
    <message>
        <source>Answer the check again; your first attempt stays your starting point</source>
        <translation>再做一次检测；你的第一次作答仍作为起点</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>The pass mark is {percent}.</source>
        <translation>及格线为 {percent}。</translation>
    </message>
    <message>
        <source>Not yet passed</source>
        <translation>尚未通过</translation>
    </message>
    <message>
        <source>The pass mark is {percent}. Retry when you're ready.</source>
        <translation>及格线为 {percent}。准备好后再重做。</translation>
    </message>
    <message>
        <source>Your first score is kept for the before-and-after comparison: the Dashboard (Ctrl+D) shows how your ratings changed since the first check.</source>
        <translation>你的第一次得分会保存下来用于前后对比：仪表板（Ctrl+D）会显示自第一次检测以来你的评分有何变化。</translation>
    </message>
    <message>
        <source>Question {number}: {mark}, {points}</source>
        <translation>第 {number} 题：{mark}，{points}</translation>
    </message>
    <message>
        <source>Show this question and its feedback</source>
        <translation>显示这道题及其反馈</translation>
    </message>
    <message>
        <source>○ Partly right</source>
        <translation>○ 部分正确</translation>
    </message>
    <message>
        <source>0.5 of 1 points</source>
        <translation>0.5/1 分</translation>
    </message>
</context>
<context>
    <name>ReadingStepView</name>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
</context>
<context>
    <name>ReflectStepView</name>
    <message>
        <source>Reflect</source>
        <extracomment>a long enough reflection is saved this long after the learner stops typing anything typed is kept as a draft this long after the last key (and at once when the step is left)</extracomment>
        <translation>反思</translation>
    </message>
    <message>
        <source>Reflection prompt</source>
        <translation>反思题目</translation>
    </message>
    <message>
        <source>Write your answer here…</source>
        <translation>在此写下你的回答…</translation>
    </message>
    <message>
        <source>Your reflection</source>
        <translation>你的反思</translation>
    </message>
    <message>
        <source>Word count</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Save reflection</source>
        <translation>保存反思</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Draft kept</source>
        <translation>草稿已保留</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
    <message>
        <source>{written} ({needed} needed)  ✓</source>
        <translation>{written}（需要 {needed}）  ✓</translation>
    </message>
    <message>
        <source>{written} ({needed} needed)</source>
        <translation>{written}（需要 {needed}）</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Nothing to review today — questions you miss come back here.</source>
        <translation>今天没有需要复习的内容——答错的题目会回到这里。</translation>
    </message>
    <message>
        <source>Review</source>
        <extracomment>Returns the moment to schedule at; None means now (tests pass a fixed time). a review was recorded (the window redraws the due count) the learner asked to go back to the dashboard or home</extracomment>
        <translation>复习</translation>
    </message>
    <message>
        <source>Back to the dashboard</source>
        <extracomment>the words of the button that leaves Review (the window says where it leads)</extracomment>
        <translation>返回仪表板</translation>
    </message>
    <message>
        <source>REVIEW</source>
        <translation>复习</translation>
    </message>
    <message>
        <source>Questions to practise again</source>
        <translation>需要再次练习的题目</translation>
    </message>
    <message>
        <source>The next question comes back on {date}.</source>
        <translation>下一道题将于{date}回来。</translation>
    </message>
    <message>
        <source>1 question is due. Answer it again; if you get it right, it comes back later.</source>
        <translation>有 1 道题到期。请再回答一遍；答对的话，它会晚些再出现。</translation>
    </message>
    <message numerus="yes">
        <source>%n questions are due. Answer each one again; the ones you get right come back later.</source>
        <translation>
            <numerusform>有 %n 道题到期。请再回答一遍；答对的题会晚些再出现。</numerusform>
        </translation>
    </message>
    <message>
        <source>{left} of {total} left in this review.</source>
        <translation>本次复习还剩 {left} 道，共 {total} 道。</translation>
    </message>
    <message>
        <source>From “{lesson}” · {module} · {pack}</source>
        <translation>来自“{lesson}” · {module} · {pack}</translation>
    </message>
    <message>
        <source>From “{lesson}” · {module}</source>
        <translation>来自“{lesson}” · {module}</translation>
    </message>
    <message>
        <source>Question {number} of {total}</source>
        <translation>第 {number} 题，共 {total} 题</translation>
    </message>
    <message>
        <source>Finish review</source>
        <translation>完成复习</translation>
    </message>
    <message>
        <source>Next question  ›</source>
        <translation>下一题  ›</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>下一题</translation>
    </message>
    <message numerus="yes">
        <source>Review done: {right} of %n question(s) right. The ones you missed come back sooner; the ones you got right, later.</source>
        <translation>
            <numerusform>复习完成：%n 道题中答对 {right} 道。答错的题会较早再出现；答对的题会晚些再出现。</numerusform>
        </translation>
    </message>
    <message>
        <source>This answer could not be saved: {error}</source>
        <translation>无法保存此答案：{error}</translation>
    </message>
</context>
<context>
    <name>ShortQuestionView</name>
    <message>
        <source>Type your answer</source>
        <translation>输入你的答案</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Accepted answer: {answers}</source>
        <translation>可接受的答案：{answers}</translation>
    </message>
    <message>
        <source>Accepted answers: {answers}</source>
        <translation>可接受的答案：{answers}</translation>
    </message>
</context>
<context>
    <name>SingleQuestionView</name>
    <message>
        <source>Right answer</source>
        <translation>正确答案</translation>
    </message>
</context>
<context>
    <name>SourcesLineView</name>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}:&lt;/b&gt; {sources}</source>
        <translation>&lt;b&gt;{label}：&lt;/b&gt;{sources}</translation>
    </message>
    <message>
        <source>{label}: {sources}</source>
        <translation>{label}：{sources}</translation>
    </message>
</context>
<context>
    <name>SpotMarkRowView</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove mark: {quote}</source>
        <translation>移除标记：{quote}</translation>
    </message>
</context>
<context>
    <name>SpotQuestionView</name>
    <message>
        <source>Text to mark</source>
        <translation>待标记的文字</translation>
    </message>
    <message>
        <source>Mark selection</source>
        <translation>标记所选内容</translation>
    </message>
    <message>
        <source>Mark the selected words (Ctrl+M)</source>
        <translation>标记所选词语（Ctrl+M）</translation>
    </message>
    <message>
        <source>Select words with the mouse, or with Shift and the arrow keys.</source>
        <translation>用鼠标选择词语，或按住 Shift 并使用方向键。</translation>
    </message>
    <message>
        <source>A mark takes in whole words. {rule}</source>
        <translation>标记以整个词为单位。{rule}</translation>
    </message>
    <message>
        <source>Your marks</source>
        <translation>你的标记</translation>
    </message>
    <message>
        <source>No marks yet.</source>
        <translation>还没有标记。</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>已找到</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>漏掉</translation>
    </message>
    <message>
        <source>Stray</source>
        <translation>多余</translation>
    </message>
</context>
<context>
    <name>StatTileView</name>
    <message>
        <source>{caption}: {value}</source>
        <translation>{caption}：{value}</translation>
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
<context>
    <name>StepView</name>
    <message>
        <source>Your work on this step could not be kept: {error}</source>
        <extracomment>the learner did something that may change the lesson's completion (submitted, saved) the step built new controls (a quiz's fresh attempt): the Tab chain must take them in</extracomment>
        <translation>无法保存你在此步骤中的内容：{error}</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <source>Your task</source>
        <translation>你的任务</translation>
    </message>
</context>
<context>
    <name>TrueFalseQuestionView</name>
    <message>
        <source>True</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>False</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>正确答案</translation>
    </message>
</context>
</TS>