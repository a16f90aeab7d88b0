<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DashboardView</name>
    <message numerus="yes">
        <source>Review %n question(s) now</source>
        <translation>
            <numerusform>Review %n question now</numerusform>
            <numerusform>Review %n questions now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n answer</numerusform>
            <numerusform>%n answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n lesson(s)</source>
        <translation>
            <numerusform>{done} of %n lesson</numerusform>
            <numerusform>{done} of %n lessons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message numerus="yes">
        <source>%n min · {progress}</source>
        <translation>
            <numerusform>%n min · {progress}</numerusform>
            <numerusform>%n min · {progress}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModuleCardView</name>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n lesson</numerusform>
            <numerusform>%n lessons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min · {lessons}</source>
        <translation>
            <numerusform>%n min · {lessons}</numerusform>
            <numerusform>%n min · {lessons}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuizStepView</name>
    <message numerus="yes">
        <source>Practice · %n question(s) · No pass mark</source>
        <translation>
            <numerusform>Practice · %n question · No pass mark</numerusform>
            <numerusform>Practice · %n questions · No pass mark</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Test · %n question(s) · No pass mark</source>
        <translation>
            <numerusform>Test · %n question · No pass mark</numerusform>
            <numerusform>Test · %n questions · No pass mark</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Practice · %n question(s) · Pass: {percent}</source>
        <translation>
            <numerusform>Practice · %n question · Pass: {percent}</numerusform>
            <numerusform>Practice · %n questions · Pass: {percent}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Test · %n question(s) · Pass: {percent}</source>
        <translation>
            <numerusform>Test · %n question · Pass: {percent}</numerusform>
            <numerusform>Test · %n questions · Pass: {percent}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your starting point: {points} ({percent}) · %n attempt(s)</source>
        <translation>
            <numerusform>Your starting point: {points} ({percent}) · %n attempt</numerusform>
            <numerusform>Your starting point: {points} ({percent}) · %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Best so far: {points} ({percent}), passed · %n attempt(s)</source>
        <translation>
            <numerusform>Best so far: {points} ({percent}), passed · %n attempt</numerusform>
            <numerusform>Best so far: {points} ({percent}), passed · %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Best so far: {points} ({percent}), not yet passed · %n attempt(s)</source>
        <translation>
            <numerusform>Best so far: {points} ({percent}), not yet passed · %n attempt</numerusform>
            <numerusform>Best so far: {points} ({percent}), not yet passed · %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n questions are not answered yet; they would score 0.</source>
        <translation>
            <numerusform>%n questions are not answered yet; they would score 0.</numerusform>
            <numerusform>%n questions are not answered yet; they would score 0.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReflectStepView</name>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>%n word</numerusform>
            <numerusform>%n words</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message numerus="yes">
        <source>%n questions are due. Answer each one again; the ones you get right come back later.</source>
        <translation>
            <numerusform>%n questions are due. Answer each one again; the ones you get right come back later.</numerusform>
            <numerusform>%n questions are due. Answer each one again; the ones you get right come back later.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Review done: {right} of %n question(s) right. The ones you missed come back sooner; the ones you got right, later.</source>
        <translation>
            <numerusform>Review done: {right} of %n question right. The ones you missed come back sooner; the ones you got right, later.</numerusform>
            <numerusform>Review done: {right} of %n questions right. The ones you missed come back sooner; the ones you got right, later.</numerusform>
        </translation>
    </message>
</context>
</TS>
