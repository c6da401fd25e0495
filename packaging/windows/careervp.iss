; Inno Setup 6.3+ script: CareerVP-Setup-<version>.exe from the PyInstaller folder.
; Built by packaging/build.py, which passes the defines below:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\CareerVP /DOutputDir=dist /DOutputBaseFilename=CareerVP-Setup-0.1.0
;        [/DIconFile=build\icons\careervp.ico] packaging\windows\careervp.iss
; Per-user install without admin rights (into %LOCALAPPDATA%\Programs\CareerVP), a Start-menu shortcut, an
; optional desktop shortcut. The uninstaller removes the program and keeps the user's library
; (%LOCALAPPDATA%\CareerVP) unless the user says to delete it, or `/DELETEDATA` is given on a silent uninstall.

#ifndef AppVersion
  #error Pass /DAppVersion=<version> (packaging/build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\CareerVP"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef OutputBaseFilename
  #define OutputBaseFilename "CareerVP-Setup-" + AppVersion
#endif
#define AppName "CareerVP"
#define AppExe "CareerVP.exe"

[Setup]
; The AppId identifies CareerVP to Windows across versions: never change it.
AppId={{6B1E7E52-3C8F-4C5B-9E0A-6C2C0D3F5A71}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CareerVP
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#OutputBaseFilename}
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open CareerVP holds its files: ask to close it rather than fail half-way.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "hebrew"; MessagesFile: "compiler:Languages\Hebrew.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version may ship fewer files: clear the old bundle (never the user's data, which lives elsewhere).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DataDir(): String;
begin
  { platformdirs' user_data_dir("CareerVP") on Windows: %LOCALAPPDATA%\CareerVP\CareerVP; remove the parent. }
  Result := ExpandConstant('{localappdata}\CareerVP');
end;

function WantsDataDeleted(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEDATA') = 0 then
      Result := True;
  if (not Result) and (not UninstallSilent) and DirExists(DataDir()) then
    Result := MsgBox('Also delete your CareerVP library (your CVs, applications and documents in ' + DataDir() +
      ')?' + #13#10#13#10 + 'Choose No to keep it for a later install.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and WantsDataDeleted() then
    DelTree(DataDir(), True, True, True);
end;
